import { Alert } from '@mantine/core';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { QueryView } from '../../lib/query';
import { SignedIn } from '../resources/ListTable';
import { ownSchool } from '../resources/permissions';
import { usePlan } from './api';
import { PlanForm } from './PlanForm';
import { emptyPlan, fromPlan } from './planForm';

/** `/ke-hoach-tai-tro/moi` and `/ke-hoach-tai-tro/:id/sua`: a school drafts its plan, or edits a draft or returned one. */
export default function SponsorshipFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const auth = useAuth();
  const school = ownSchool(auth);
  return (
    <SignedIn>
      {() => (auth.can('sponsorship.create') && school ? <Loaded id={params.id} schoolId={school.id} /> : <Alert color="yellow">{t('sp.form.notAllowed')}</Alert>)}
    </SignedIn>
  );
}

function Loaded({ id, schoolId }: { id?: string; schoolId: string }) {
  const existing = usePlan(id);
  if (!id) return <PlanForm initial={emptyPlan(schoolId)} />;
  return <QueryView query={existing}>{(p) => <PlanForm id={id} initial={fromPlan(p)} />}</QueryView>;
}
