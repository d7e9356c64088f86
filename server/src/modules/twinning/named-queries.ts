/** Twinning's heavy queries (lists, the yearly report's figures, the dashboard), snapshotted to queries/*.sql. */
import { namedQuery } from '../../platform/named-sql.js';
import * as repo from './repository.js';

namedQuery(import.meta.url, 'pairs-page', (db) => repo.listPairs(db, { year: 2026, provinceCode: '11' }, ['2026-01-15T00:00:00.000000Z', '00000000-0000-4000-8000-000000000001'], 51));
namedQuery(import.meta.url, 'report-activities', (db) => repo.activitiesOfPairs(db, ['00000000-0000-4000-8000-000000000001'], 2026));
namedQuery(import.meta.url, 'report-support', (db) => repo.supportOfPairs(db, ['00000000-0000-4000-8000-000000000001'], 2026));
namedQuery(import.meta.url, 'report-submissions', (db) => repo.submissionRows(db, 2026));
namedQuery(import.meta.url, 'report-figures', (db) => repo.figuresRow(db, 2026, '00000000-0000-4000-8000-000000000001'));
namedQuery(import.meta.url, 'report-pairs', (db) => repo.reportPairs(db, 2026, null));
namedQuery(import.meta.url, 'pair-groups', (db) => repo.pairGroups(db, 2026, '2025-09-01', '2026-08-31'));
namedQuery(import.meta.url, 'idle-pairs', (db) => repo.idlePairs(db, 2026, 2026, '2025-09-01', '2026-08-31', 100));
namedQuery(import.meta.url, 'dashboard-map', (db) => repo.pairMapCells(db, 0.46875, [102.1, 20.4, 106.2, 22.9]));
