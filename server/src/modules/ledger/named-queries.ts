/** The ledger's heavy queries, snapshotted to queries/*.sql (see platform/named-sql.ts). */
import { namedQuery } from '../../platform/named-sql.js';
import * as repo from './repository.js';

namedQuery(import.meta.url, 'ledger-page', (db) => repo.list(db, { provinceCode: '11' }, { provinceCode: '11' }, ['2026-05-01T00:00:00.000000Z', '00000000-0000-4000-8000-000000000001'], 51));
namedQuery(import.meta.url, 'ledger-count', (db) => repo.count(db, { provinceCode: '11' }, { provinceCode: '11' }));
