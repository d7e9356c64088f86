/** The portal's heavy queries, snapshotted to queries/*.sql (see platform/named-sql.ts). */
import { namedQuery } from '../../platform/named-sql.js';
import * as repo from './repository.js';

namedQuery(import.meta.url, 'public-stats', (db) => repo.stats(db, { year: 2026, provinceCode: '11' }));
namedQuery(import.meta.url, 'public-contributions-page', (db) => repo.publicRows(db, { provinceCode: '11' }, ['2026-05-01', '00000000-0000-4000-8000-000000000001'], 2000));
namedQuery(import.meta.url, 'dashboard-need-sums', (db) => repo.needSums(db, '11'));
namedQuery(import.meta.url, 'dashboard-ledger-by-status', (db) => repo.ledgerByStatus(db, '11'));
