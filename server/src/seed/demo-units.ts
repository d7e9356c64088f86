import crypto from 'node:crypto';
import type { Db } from '../platform/db.js';
import { fold } from '../platform/text.js';

/**
 * Something for the demo commune officer to do: two needs submitted by a preschool of its commune,
 * waiting for the commune's confirmation (the former district office's role since 1 July 2025), so
 * there is one to confirm and one to return whatever the random demo activity drew.
 */
export async function loadCommuneDemo(db: Db, committeeCode = 'ubnd-03158'): Promise<void> {
  const school = await db.maybeOne<{ id: string; name: string; province_code: string; commune_code: string }>(
    `SELECT s.organisation_id AS id, s.name, s.province_code, s.commune_code FROM school s JOIN organisation o ON o.code = $1 AND o.commune_code = s.commune_code
      WHERE s.levels = ARRAY['mam_non']::text[] ORDER BY s.code LIMIT 1`,
    [committeeCode],
  );
  if (!school) return;
  const needs = [
    { title: 'Bộ đồ chơi ngoài trời cho lớp mẫu giáo', detail: 'cầu trượt, xích đu, nhà banh', category: 'equipment', quantity: 2, unit: 'bộ', cost: 36_000_000, day: '05' },
    { title: 'Giá sách và truyện tranh cho góc đọc của lớp mẫu giáo', detail: 'giá sách thấp và 120 cuốn truyện tranh', category: 'books', quantity: 4, unit: 'bộ', cost: 12_000_000, day: '06' },
  ];
  for (const n of needs) {
    const id = crypto.randomUUID();
    const [created, submitted] = [`2026-10-${n.day}T02:00:00Z`, `2026-10-${n.day}T03:00:00Z`];
    await db.query(
      `INSERT INTO need (id, school_id, province_code, commune_code, category, title, description, quantity, unit, estimated_cost, priority, state, search, created_at, updated_at, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'high', 'submitted', $11, $12, $13, $13)`,
      [id, school.id, school.province_code, school.commune_code, n.category, n.title, `${n.title} tại ${school.name}: ${n.detail}.`, n.quantity, n.unit, n.cost, fold(`${n.title} ${school.name}`), created, submitted],
    );
    await db.query(
      `INSERT INTO need_event (need_id, action, from_state, to_state, at) VALUES ($1, 'create', NULL, 'draft', $2), ($1, 'submit', 'draft', 'submitted', $3)`,
      [id, created, submitted],
    );
  }
}

/**
 * Sponsorship mobilisation plans of two other schools of the demo commune (the demo school's own
 * list starts empty): one submitted and waiting for the commune's approval, one approved.
 */
export async function loadSponsorshipDemo(db: Db, committeeCode = 'ubnd-03158'): Promise<void> {
  const schools = await db.query<{ id: string; name: string; province_code: string; commune_code: string }>(
    `SELECT s.organisation_id AS id, o.name, s.province_code, s.commune_code FROM school s JOIN organisation o ON o.id = s.organisation_id
       JOIN organisation c ON c.code = $1 AND c.commune_code = s.commune_code AND c.province_code = s.province_code
      WHERE s.levels <@ ARRAY['mam_non', 'tieu_hoc', 'thcs']::text[] AND cardinality(s.levels) > 0
        AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.organisation_id = s.organisation_id)
      ORDER BY s.code LIMIT 2`,
    [committeeCode],
  );
  const plans = [
    {
      state: 'submitted', title: 'Kế hoạch vận động tài trợ năm học 2026-2027', period: 'Năm học 2026-2027',
      purpose: 'Bổ sung bàn ghế, sách thư viện và sửa mái phòng học để học sinh học tập an toàn trong mùa mưa.',
      items: [['Bàn ghế học sinh hai chỗ ngồi', 'in_kind', 60_000_000], ['Sách thư viện và truyện tranh', 'in_kind', 25_000_000], ['Sửa mái tôn hai phòng học', 'money', 90_000_000]],
      created: '2026-11-02T02:00:00Z', submitted: '2026-11-10T03:00:00Z', decided: null,
    },
    {
      state: 'approved', title: 'Kế hoạch vận động tài trợ bếp ăn bán trú', period: 'Học kỳ I năm học 2026-2027',
      purpose: 'Hoàn thiện bếp ăn bán trú và dụng cụ nấu ăn cho học sinh ở lại trường buổi trưa.',
      items: [['Bếp và dụng cụ nấu ăn bán trú', 'in_kind', 45_000_000], ['Ngày công lắp đặt của phụ huynh và đoàn viên', 'non_material', 5_000_000]],
      created: '2026-09-01T02:00:00Z', submitted: '2026-09-03T03:00:00Z', decided: '2026-09-12T04:00:00Z',
    },
  ];
  const officer = await db.maybeOne<{ id: string }>(`SELECT u.id FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE o.code = $1 ORDER BY u.email LIMIT 1`, [committeeCode]);
  for (const [i, s] of schools.entries()) {
    const p = plans[i];
    const id = crypto.randomUUID();
    await db.query(
      `INSERT INTO sponsorship_plan (id, school_id, province_code, commune_code, title, purpose, beneficiaries, period, state, decision_number, submitted_at, decided_at, decided_by, created_at, updated_at, search)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, $12::timestamptz, $13, $14::timestamptz, COALESCE($12::timestamptz, $11::timestamptz), $15)`,
      [id, s.id, s.province_code, s.commune_code, p.title, p.purpose, `Học sinh ${s.name}`, p.period, p.state, p.decided ? '45/QĐ-UBND' : null, p.submitted, p.decided,
        p.decided ? officer?.id ?? null : null, p.created, fold(`${p.title} ${s.name}`)],
    );
    await db.query(
      `INSERT INTO sponsorship_plan_item (plan_id, position, description, form, estimated_value) SELECT $1, r.position, r.description, r.form, r.value
         FROM jsonb_to_recordset($2::jsonb) AS r(position int, description text, form text, value bigint)`,
      [id, JSON.stringify(p.items.map(([description, form, value], n) => ({ position: n + 1, description, form, value })))],
    );
    await db.query(
      `INSERT INTO sponsorship_plan_event (plan_id, action, from_state, to_state, actor_id, at) VALUES ($1, 'create', NULL, 'draft', NULL, $2), ($1, 'submit', 'draft', 'submitted', NULL, $3)`,
      [id, p.created, p.submitted],
    );
    if (p.decided) await db.query(`INSERT INTO sponsorship_plan_event (plan_id, action, from_state, to_state, actor_id, at) VALUES ($1, 'approve', 'submitted', 'approved', $2, $3)`, [id, officer?.id ?? null, p.decided]);
  }
}
