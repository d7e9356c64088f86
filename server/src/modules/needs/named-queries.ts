/** The needs module's heavy queries, snapshotted to queries/*.sql (see platform/named-sql.ts). */
import { namedQuery } from '../../platform/named-sql.js';
import * as repo from './repository.js';

const open = { states: ['published' as const], provinceCode: '11', open: true };
namedQuery(import.meta.url, 'needs-by-urgency', (db) => repo.needs(db, open, 'urgency', [1, '00000000-0000-4000-8000-000000000001'], 30));
namedQuery(import.meta.url, 'needs-by-remaining', (db) => repo.needs(db, open, 'remaining', null, 30));
namedQuery(import.meta.url, 'needs-count', (db) => repo.countNeeds(db, open, 1_000));
// the map: from the schools' summary (every filter but a search), and from the needs (a search)
namedQuery(import.meta.url, 'needs-map-summary', (db) => repo.mapCells(db, { states: ['published', 'accepted', 'closed'], provinceCode: '11', flag: 'border' }, 360 / 2 ** 5 / 6, [102, 8, 110, 24]));
namedQuery(import.meta.url, 'needs-map-summary-category', (db) => repo.mapCells(db, { states: ['published', 'accepted', 'closed'], category: 'classroom', level: 'thpt' }, 360 / 2 ** 5 / 6, null));
namedQuery(import.meta.url, 'needs-map-cells', (db) => repo.mapCells(db, { states: ['published', 'accepted', 'closed'], q: 'ban ghe' }, 360 / 2 ** 5 / 6, [102, 8, 110, 24]));
// a search matching many needs: the list walked in its order first (and its matches read after, when the walk does not fill the page)
namedQuery(import.meta.url, 'needs-search-walk', (db) => repo.needs(db, { states: ['published', 'accepted', 'closed'], q: 'dien bien' }, 'urgency', null, 31, { walk: true }));
