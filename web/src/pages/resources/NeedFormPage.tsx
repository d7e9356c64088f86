import { Alert } from '@mantine/core';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { QueryView } from '../../lib/query';
import { SignedIn } from './ListTable';
import { NeedForm } from './need/NeedForm';
import { EMPTY_NEED, fromNeed } from './need/needForm';
import { canCreateNeed, ownSchool } from './permissions';
import { resourceQueries, useResource } from './queries';

/** `/nhu-cau/moi` and `/nhu-cau/:id/sua`: record a need, or edit a draft or returned one. */
export default function NeedFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const auth = useAuth();
  return (
    <SignedIn title={t('need.form.signIn')}>
      {() => (canCreateNeed(auth) ? <Loaded id={params.id} /> : <Alert color="yellow">{t('need.form.notAllowed')}</Alert>)}
    </SignedIn>
  );
}

function Loaded({ id }: { id?: string }) {
  const auth = useAuth();
  const existing = useResource(resourceQueries.need(id ?? ''), { enabled: !!id });
  if (!id) {
    const own = ownSchool(auth);
    return <NeedForm initial={own ? { ...EMPTY_NEED, schoolId: own.id, schoolName: own.name } : EMPTY_NEED} />;
  }
  return <QueryView query={existing}>{(n) => <NeedForm id={id} initial={fromNeed(n)} />}</QueryView>;
}
