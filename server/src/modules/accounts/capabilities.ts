import type { Actor } from '../../platform/actor.js';
import type { Capabilities } from '../../platform/policy.js';
import { areaCapabilities } from '../areas/policy.js';
import { organisationCapabilities } from '../organisations/policy.js';
import { schoolCapabilities } from '../schools/policy.js';
import { twinningCapabilities } from '../twinning/policy.js';
import { needCapabilities } from '../needs/policy.js';
import { surveyCapabilities } from '../surveys/policy.js';
import { ledgerCapabilities } from '../ledger/policy.js';
import { donorCapabilities } from '../donors/policy.js';
import { agreementCapabilities } from '../agreements/policy.js';
import { portalCapabilities } from '../portal/policy.js';
import { plan29Capabilities } from '../plan29/policy.js';
import { plansCapabilities } from '../plans/policy.js';
import { accountCapabilities } from './policy.js';
import { auditCapabilities } from '../audit/policy.js';
import { sponsorshipCapabilities } from '../sponsorship/policy.js';
import { assessmentCapabilities } from '../assessments/policy.js';
import { providerCapabilities } from '../providers/policy.js';
import { caseCapabilities } from '../cases/policy.js';
import { activitiesCapabilities } from '../activities/policy.js';
import { startupsCapabilities } from '../startups/policy.js';
import { recognitionCapabilities } from '../recognition/policy.js';
import { budgetsCapabilities } from '../budgets/policy.js';
import { boardCapabilities } from '../board/policy.js';

/**
 * Every module's capabilities (policy.ts), by module name. A module adds its line here; the web
 * reads them from /auth/me as `can['<module>.<action>']`.
 */
const MODULES: Record<string, Capabilities> = {
  accounts: accountCapabilities,
  audit: auditCapabilities,
  areas: areaCapabilities,
  organisations: organisationCapabilities,
  schools: schoolCapabilities,
  twinning: twinningCapabilities,
  needs: needCapabilities,
  surveys: surveyCapabilities,
  ledger: ledgerCapabilities,
  donors: donorCapabilities,
  agreements: agreementCapabilities,
  portal: portalCapabilities,
  plan29: plan29Capabilities,
  plans: plansCapabilities,
  sponsorship: sponsorshipCapabilities,
  assessments: assessmentCapabilities,
  providers: providerCapabilities,
  cases: caseCapabilities,
  activities: activitiesCapabilities,
  startups: startupsCapabilities,
  recognition: recognitionCapabilities,
  budgets: budgetsCapabilities,
  board: boardCapabilities,
};

export function capabilitiesOf(actor: Actor): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [module, fn] of Object.entries(MODULES)) for (const [action, ok] of Object.entries(fn(actor))) out[`${module}.${action}`] = ok;
  return out;
}
