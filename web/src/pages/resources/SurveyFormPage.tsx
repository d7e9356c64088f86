import { QueryView } from '../../lib/query';
import { SignedIn } from './ListTable';
import { resourceQueries, useResource } from './queries';
import { SurveyForm } from './survey/SurveyForm';

/** `/truong-hoc/:id/khao-sat`: a school's facility survey. */
export default function SurveyFormPage({ params }: { params: Record<string, string> }) {
  return <SignedIn>{() => <Loaded schoolId={params.id} />}</SignedIn>;
}

function Loaded({ schoolId }: { schoolId: string }) {
  const school = useResource(resourceQueries.school(schoolId));
  const surveys = useResource(resourceQueries.surveys(schoolId));
  return (
    <QueryView query={school}>
      {(s) => <QueryView query={surveys}>{(list) => <SurveyForm schoolId={schoolId} schoolName={s.name} existing={list.items} />}</QueryView>}
    </QueryView>
  );
}
