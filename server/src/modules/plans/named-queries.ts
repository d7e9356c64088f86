/** The plans module's heavy queries (task lists and the progress report), snapshotted to queries/*.sql. */
import { namedQuery } from '../../platform/named-sql.js';
import * as repo from './repository.js';

namedQuery(import.meta.url, 'plan-assignments', (db) => repo.assignments(db, { planId: '00000000-0000-4000-8000-000000000001', role: 'lead' }));
namedQuery(import.meta.url, 'latest-updates', (db) => repo.latestUpdates(db, ['00000000-0000-4000-8000-000000000001'], '2026-03-15'));
namedQuery(import.meta.url, 'record-dates', (db) => repo.recordDates(db, ['00000000-0000-4000-8000-000000000001'], '2026-03-15'));
namedQuery(import.meta.url, 'plan-tallies', (db) => repo.planTallies(db, '2026-03-15'));
namedQuery(import.meta.url, 'overdue-tasks', (db) => repo.overdueTaskIds(db, '2026-03-15', undefined, ['2025-01-15', '00000000-0000-4000-8000-000000000001', 3, '00000000-0000-4000-8000-000000000002'], 51));
