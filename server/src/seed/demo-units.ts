import crypto from 'node:crypto';
import type { Db } from '../platform/db.js';
import { fold } from '../platform/text.js';

/**
 * Something for the demo commune officer to do: a need submitted by a preschool of its commune,
 * waiting for the commune's confirmation (the former district office's role since 1 July 2025).
 */
export async function loadCommuneDemo(db: Db, committeeCode = 'ubnd-03158'): Promise<void> {
  const school = await db.maybeOne<{ id: string; name: string; province_code: string; commune_code: string }>(
    `SELECT s.organisation_id AS id, s.name, s.province_code, s.commune_code FROM school s JOIN organisation o ON o.code = $1 AND o.commune_code = s.commune_code
      WHERE s.levels = ARRAY['mam_non']::text[] ORDER BY s.code LIMIT 1`,
    [committeeCode],
  );
  if (!school) return;
  const id = crypto.randomUUID();
  const title = 'Bộ đồ chơi ngoài trời cho lớp mẫu giáo';
  await db.query(
    `INSERT INTO need (id, school_id, province_code, commune_code, category, title, description, quantity, unit, estimated_cost, priority, state, search, created_at, updated_at, submitted_at)
     VALUES ($1, $2, $3, $4, 'equipment', $5, $6, 2, 'bộ', 36000000, 'high', 'submitted', $7, '2026-10-05T02:00:00Z', '2026-10-05T03:00:00Z', '2026-10-05T03:00:00Z')`,
    [id, school.id, school.province_code, school.commune_code, title, `${title} tại ${school.name}: cầu trượt, xích đu, nhà banh.`, fold(`${title} ${school.name}`)],
  );
  await db.query(
    `INSERT INTO need_event (need_id, action, from_state, to_state, at) VALUES ($1, 'create', NULL, 'draft', '2026-10-05T02:00:00Z'), ($1, 'submit', 'draft', 'submitted', '2026-10-05T03:00:00Z')`,
    [id],
  );
}
