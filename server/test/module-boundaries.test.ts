import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Modules own their tables: a module writes only its own tables and never imports another
 * module's repository (it calls that module's service, so its rules, evidence and audit apply).
 * Reading another module's tables in SQL (reports, joins) is allowed.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Who writes each table. A new table must be given its owner here. */
const OWNERS: Record<string, string> = {
  area: 'areas', area_alias: 'areas', area_succession: 'areas', area_succession_supplement: 'areas',
  organisation: 'organisations', organisation_alias: 'organisations',
  school: 'schools',
  app_user: 'accounts', password_reset: 'accounts', sign_in_event: 'accounts',
  // the platform's own tables: sessions, sign-in attempts, the audit trail, stored files, migrations
  user_session: 'platform', login_attempt: 'platform', audit_log: 'platform', stored_file: 'platform', stored_file_variant: 'platform', schema_migration: 'platform',
  plan: 'plans', plan_section: 'plans', plan_goal: 'plans', plan_target: 'plans', plan_target_measurement: 'plans', plan_task: 'plans',
  task_assignment: 'plans', assignment_unit: 'plans', task_update: 'plans', task_update_latest: 'plans', task_update_file: 'plans', reminder_sent: 'plans', issuer_reminder_day: 'plans',
  notification: 'notifications', notification_setting: 'notifications',
  facility_survey: 'surveys',
  need: 'needs', need_file: 'needs', need_event: 'needs',
  contribution: 'ledger', contribution_event: 'ledger', contribution_file: 'ledger',
  // the ledger's summaries, kept by triggers of migration 0027 in the transaction that writes the
  // ledger (no module writes them in code): per need and per year/province by the ledger, needs by
  // group (counts and costs of the needs' rows, with the ledger's sums against them) by the needs
  need_ledger: 'ledger', ledger_totals: 'ledger', need_totals: 'needs',
  // contributors' accepted value by year and form (migration 0051), kept by a trigger of the ledger
  contributor_totals: 'ledger',
  // the map's summary of each school's public needs (migration 0037), kept by the same triggers
  school_need_map: 'needs', school_need_map_category: 'needs',
  donor_profile: 'donors', donor_document: 'donors',
  agreement: 'agreements',
  sponsorship_plan: 'sponsorship', sponsorship_plan_item: 'sponsorship', sponsorship_plan_need: 'sponsorship', sponsorship_plan_event: 'sponsorship',
  service_provider: 'providers',
  support_case: 'cases', case_pupil: 'cases', case_assignment: 'cases', case_step_event: 'cases', case_entry: 'cases', case_referral: 'cases',
  case_access_grant: 'cases', case_access_log: 'cases', case_focal_point: 'cases',
  activity: 'activities', activity_organiser: 'activities', activity_task: 'activities', activity_invitee: 'activities', activity_participant: 'activities',
  activity_agenda_item: 'activities', activity_file: 'activities', activity_feedback: 'activities',
  recognition_list: 'recognition', recognition_nominee: 'recognition', recognition_decision: 'recognition',
  budget_line: 'budgets', board_member: 'board', board_document: 'board',
  startup_call: 'startups', startup_proposal: 'startups', startup_review: 'startups', startup_progress: 'startups',
  startup_file: 'startups',
  beneficiary: 'plan29', plan29_selection: 'plan29',
  cluster_lead: 'twinning', twinning_pair: 'twinning', twinning_pair_event: 'twinning', twinning_plan: 'twinning',
  twinning_activity: 'twinning', twinning_activity_file: 'twinning',
  // each pair's activities and support of a year (migration 0056), kept by triggers on the activities and the ledger
  twinning_pair_year: 'twinning', twinning_report: 'twinning', programme_focal_point: 'twinning',
  assessment_framework: 'assessments', assessment_framework_version: 'assessments', assessment_indicator: 'assessments', assessment_campaign: 'assessments',
  assessment: 'assessments', assessment_answer: 'assessments', assessment_evidence: 'assessments', assessment_event: 'assessments',
  assessment_reminder: 'assessments', assessment_result_count: 'assessments', assessment_prefill: 'assessments',
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'queries' ? [] : sources(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

const modules = fs.readdirSync(path.join(root, 'modules')).filter((m) => fs.statSync(path.join(root, 'modules', m)).isDirectory());
const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|TRUNCATE(?:\s+TABLE)?)\s+([a-z_][a-z0-9_]*)/gi;

describe('module boundaries', () => {
  it('every table has an owner', () => {
    const migrations = fs.readdirSync(path.join(root, '..', 'migrations')).map((f) => fs.readFileSync(path.join(root, '..', 'migrations', f), 'utf8')).join('\n');
    const tables = [...migrations.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/g)].map((m) => m[1]);
    expect(tables.length).toBeGreaterThan(30);
    expect(tables.filter((t) => !OWNERS[t])).toEqual([]);
  });

  it('no module imports another module\'s repository', () => {
    const bad: string[] = [];
    for (const m of modules) {
      for (const f of sources(path.join(root, 'modules', m))) {
        for (const imp of fs.readFileSync(f, 'utf8').matchAll(/from\s+'(\.\.\/[^']+)'/g)) {
          const target = path.resolve(path.dirname(f), imp[1]);
          const rel = path.relative(path.join(root, 'modules'), target).split(path.sep);
          if (rel.length === 2 && rel[0] !== m && /^repository(\.js|\.ts)?$/.test(rel[1])) bad.push(`${path.relative(root, f)} → ${imp[1]}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('a module writes only its own tables; the platform only its own', () => {
    const bad: string[] = [];
    const check = (owner: string, files: string[]) => {
      for (const f of files) {
        const text = fs.readFileSync(f, 'utf8');
        for (const w of text.matchAll(WRITE)) {
          const table = w[1].toLowerCase();
          if (['set', 'of', 'on', 'the', 'nothing'].includes(table)) continue;
          if (!OWNERS[table]) continue; // not a table (e.g. "UPDATE" in a comment followed by a word)
          if (OWNERS[table] !== owner) bad.push(`${path.relative(root, f)} writes ${table} (owned by ${OWNERS[table]})`);
        }
      }
    };
    for (const m of modules) check(m, sources(path.join(root, 'modules', m)));
    check('platform', sources(path.join(root, 'platform')));
    expect(bad).toEqual([]);
  });
});
