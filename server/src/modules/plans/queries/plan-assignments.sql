-- server/src/modules/plans: plan-assignments
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT a.id, a.task_id, a.plan_id, pl.key AS plan_key, pl.number AS plan_number, pl.title AS plan_title, pl.signed_on AS plan_signed_on, s.code AS section_code, s.title AS section_title,
      t.number AS task_number, t.content AS task_content, t.position AS task_position, a.position, a.lead_text, a.partner_text, a.time_text,
      a.window_kind, a.window_from, a.window_to, a.due, a.deliverables, a.lead_groups, a.partner_groups, t.legal_basis, t.notes, t.budget,
      t.target_count, t.target_kinds, t.target_text
 FROM task_assignment a JOIN plan_task t ON t.id = a.task_id JOIN plan pl ON pl.id = a.plan_id
 LEFT JOIN plan_section s ON s.id = t.section_id
WHERE a.plan_id = $1::uuid
ORDER BY pl.signed_on DESC NULLS LAST, pl.id, t.position, t.id, a.position;
-- parameters: ["00000000-0000-4000-8000-000000000001"]
