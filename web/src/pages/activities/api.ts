/** Server state of the programme records pages: the contract's endpoints, read through TanStack Query. */
import { activitiesApi, type ActivityCategory, type CalendarQuery, type ActivityInput, type ActivityKind, type ActivityPatch } from '../../../../contracts/activities';
import { plansApi } from '../../../../contracts/plans';
import { call, endpointUrl } from '../../api/call';
import { useApi, useApiMutation } from '../../lib/query';

/** The domain tag of the endpoints; a task's page counts records too. */
export const ACTIVITIES = activitiesApi.list.tags[0];
const PLANS = plansApi.task.tags[0];

export interface ActivityFilters { kind?: ActivityKind; category?: ActivityCategory; provinceCode?: string; taskId?: string; from?: string; to?: string; q?: string; unitId?: string }

/** The calendar of upcoming events as .ics, by the calendar page's filters. */
export const calendarUrl = (f: CalendarQuery) => endpointUrl(activitiesApi.calendar, { query: f });
export const exportUrl = (f: ActivityFilters, format: 'csv' | 'xlsx') => endpointUrl(activitiesApi.list, { query: { ...f, format } });
export const useActivities = (f: ActivityFilters & { cursor?: string; limit?: number }) => useApi(activitiesApi.list, { query: f }, { keepPrevious: true });
export const useActivity = (id: string | undefined) => useApi(activitiesApi.get, { params: { id: id ?? '' } }, { enabled: !!id });
export const useTask = (id: string | undefined) => useApi(plansApi.task, { params: { id: id ?? '' }, query: {} }, { enabled: !!id });

export const useSaveActivity = (id: string | undefined, onSuccess: (a: { id: string }) => void) =>
  useApiMutation<ActivityInput, { id: string }>(
    (v) => {
      const { organiserId: _o, ...patch } = v;
      return id ? call(activitiesApi.update, { params: { id }, body: patch as ActivityPatch }) : call(activitiesApi.create, { body: v });
    },
    { domains: [ACTIVITIES, PLANS], onSuccess },
  );
