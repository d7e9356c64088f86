/** The home's heavy queries, snapshotted to queries/*.sql (see platform/named-sql.ts). */
import { namedQuery } from '../../platform/named-sql.js';
import * as repo from './repository.js';

const id = '00000000-0000-4000-8000-000000000001';
namedQuery(import.meta.url, 'home-school-counts', (db) => repo.schoolCounts(db, id));
namedQuery(import.meta.url, 'home-school-pairs', (db) => repo.pairSteps(db, id, { start: 2025, from: '2025-09-01', to: '2026-08-31' }, 5));
namedQuery(import.meta.url, 'home-department-counts', (db) => repo.departmentCounts(db, '01', { start: 2025, from: '2025-09-01', to: '2026-08-31' }));
namedQuery(import.meta.url, 'home-department-queue', (db) => repo.waitingNeeds(db, '11', 'submitted', 5));
namedQuery(import.meta.url, 'home-commune-queue', (db) => repo.communeQueue(db, '11', '03220', ['mam_non', 'tieu_hoc', 'thcs'], 5));
namedQuery(import.meta.url, 'home-donor-counts', (db) => repo.donorCounts(db, id));
namedQuery(import.meta.url, 'home-donor-needs-near', (db) => repo.needsNear(db, '11', 5));
namedQuery(import.meta.url, 'home-ministry-reports', (db) => repo.reportsOnPlansOf(db, id, '2026-01-01', 5));
namedQuery(import.meta.url, 'home-vetting-counts', (db) => repo.vettingCounts(db, id, ['ban-qlcda', 'cuc-htqt']));
namedQuery(import.meta.url, 'home-donors-to-vet', (db) => repo.donorsToVet(db, 5));
