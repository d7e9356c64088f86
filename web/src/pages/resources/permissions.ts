/**
 * Who may do what on the resource-connection pages: the only place these pages decide it. Each
 * function names the server's answer it stands for — a page-level capability from /auth/me
 * (`auth.can('<module>.<action>')`) or the `can` object of a detail response. Where the server
 * does not answer yet, the role rule it will replace is written here (and nowhere else).
 */
import type { ContributionDetail, DonorDetail, Need, NeedAction, NeedDetail } from '../../api/resources';
import type { useAuth } from '../../lib/auth';

type Auth = Pick<ReturnType<typeof useAuth>, 'user' | 'can'>;
type User = NonNullable<Auth['user']>;

/**
 * A capability from /auth/me; until the server lists it, the role rule it replaces.
 * (Once every resources capability is served, this is `auth.can(name)`.)
 */
function capability(auth: Auth, name: string, rule: (u: User) => boolean): boolean {
  const u = auth.user;
  if (!u) return false;
  return name in u.can ? auth.can(name) : rule(u);
}

const national = (u: User) => u.role === 'admin' || u.role === 'ministry';
const inProvince = (u: User, provinceCode: string | null | undefined) => u.role === 'department' && !!provinceCode && u.organisation.provinceCode === provinceCode;

// ---------------------------------------------------------------- needs

/** `needs.create`: record a need (a school for itself, a Department for its schools, an administrator). */
export const canCreateNeed = (auth: Auth) => capability(auth, 'needs.create', (u) => ['school', 'department', 'admin'].includes(u.role));

/** `needs.queue`: open the verification queue. */
export const canOpenNeedQueue = (auth: Auth) => capability(auth, 'needs.queue', (u) => ['department', 'admin', 'ministry'].includes(u.role));

/** `needs.verify`: verify or return submitted needs from the queue. */
export const canVerifyNeeds = (auth: Auth) => capability(auth, 'needs.verify', (u) => ['department', 'admin'].includes(u.role));

/** "My needs" (`needs.create` held by a school account: its own needs in every state). */
export const canSeeOwnNeeds = (auth: Auth) => auth.user?.role === 'school' && canCreateNeed(auth);

/** The school a school account records needs and gifts for (its own; null for other accounts). */
export function ownSchool(auth: Auth): { id: string; name: string } | null {
  const u = auth.user;
  return u?.role === 'school' ? { id: u.organisation.id, name: u.organisation.name } : null;
}

/** The province a school picker is limited to (a Department's own; null: the whole country). */
export function pickerProvince(auth: Auth): string | null {
  const u = auth.user;
  return u?.role === 'department' ? (u.organisation.provinceCode ?? null) : null;
}

/** `NeedDetail.can` (today `permissions`): edit and each lifecycle action on this need. */
export const needCan = (n: NeedDetail): Record<'edit' | NeedAction, boolean> => n.can;

const openForPledges = (n: Pick<Need, 'status'>) => n.status === 'published' || n.status === 'partly_pledged';

/** `ledger.pledge`: pledge in one's own name (a donor; signed out, the button leads to sign-in). */
export const canPledge = (n: Need, auth: Auth) => openForPledges(n) && (!auth.user || capability(auth, 'ledger.pledge', (u) => u.role === 'donor'));

/** `ledger.recordOnBehalf`: record a pledge on a donor's behalf, for a need in the account's scope. */
export const canRecordForNeed = (n: Need, auth: Auth) =>
  openForPledges(n) && capability(auth, 'ledger.recordOnBehalf', (u) => national(u) || u.role === 'department') && (auth.user?.role !== 'department' || inProvince(auth.user, n.provinceCode));

/** `NeedDetail.can.edit`, while the need is still a draft or returned. */
export const canEditNeed = (n: NeedDetail) => needCan(n).edit && (n.state === 'draft' || n.state === 'returned');

/** `NeedDetail.can.edit`, while photos still matter (not accepted, closed or withdrawn). */
export const canAddNeedPhotos = (n: NeedDetail) => needCan(n).edit && !['accepted', 'closed', 'withdrawn'].includes(n.state);

/** The need's actions the server allows (`NeedDetail.can`) and the lifecycle offers now. */
export function needActions(n: NeedDetail, all: readonly NeedAction[]): NeedAction[] {
  const can = needCan(n);
  return all.filter((a) => can[a] && lifecycleOffers(a, n));
}

function lifecycleOffers(a: NeedAction, n: NeedDetail): boolean {
  switch (a) {
    case 'submit':
      return n.status === 'draft' || n.status === 'returned';
    case 'verify':
    case 'return':
      return n.status === 'submitted';
    case 'publish':
      return n.status === 'verified';
    case 'accept':
      return n.status === 'delivered';
    case 'close':
      return n.status === 'accepted';
    case 'withdraw':
      return ['draft', 'submitted', 'returned', 'verified', 'published'].includes(n.status) && n.pledgedQuantity === 0;
  }
}

/** A school within the account's scope: any for an administrator, its Department's, the school itself. */
function inSchoolScope(school: { id: string; provinceCode: string | null | undefined }, auth: Auth): boolean {
  const u = auth.user;
  if (!u) return false;
  return u.role === 'admin' || inProvince(u, school.provinceCode) || (u.role === 'school' && u.organisation.id === school.id);
}

/** `needs.create` for this school (its own account, its Department, an administrator). */
export const canCreateNeedFor = (school: { id: string; provinceCode: string | null }, auth: Auth) => canCreateNeed(auth) && inSchoolScope(school, auth);

/** A school's needs in every state (the needs scope of the account, or the Ministry), else only the public ones. */
export const seesSchoolNeedsInAnyState = (school: { id: string; provinceCode: string | null }, auth: Auth) => inSchoolScope(school, auth) || auth.user?.role === 'ministry';

// ---------------------------------------------------------------- ledger

/** `ledger.recordOnBehalf` or `ledger.recordOwnGift`: open the "record a contribution" form. */
export const canRecordContribution = (auth: Auth) =>
  capability(auth, 'ledger.recordOnBehalf', (u) => national(u) || u.role === 'department') || capability(auth, 'ledger.recordOwnGift', (u) => u.role === 'school');

/** `ledger.recordOwnGift` without `recordOnBehalf`: a school records its own gifts, as the contributor. */
export const recordsOwnGiftsOnly = (auth: Auth) =>
  capability(auth, 'ledger.recordOwnGift', (u) => u.role === 'school') && !capability(auth, 'ledger.recordOnBehalf', (u) => national(u) || u.role === 'department');

/** `ledger.recordPast`: record a gift given before today (the Ministry and Departments). */
export const canRecordPastGift = (auth: Auth) => capability(auth, 'ledger.recordPast', (u) => national(u) || u.role === 'department');

/** `ContributionDetail.can` (today `permissions`): deliver, confirm, accept, cancel — as the status allows them now. */
export function contributionActions(c: ContributionDetail) {
  const can = c.can;
  const open = c.status === 'pledged' || c.status === 'delivered';
  return { deliver: can.deliver && c.status === 'pledged', confirm: can.confirm && open, accept: can.accept && c.status === 'received', cancel: can.cancel && open };
}

// ---------------------------------------------------------------- schools: surveys and gift recipients

/** `surveys.write` in the school's scope (an administrator, its Department, the school itself). */
export const canManageSchoolResources = (school: { id: string; provinceCode: string | null }, auth: Auth) =>
  capability(auth, 'surveys.write', (u) => ['admin', 'department', 'school'].includes(u.role)) && inSchoolScope(school, auth);

/** The beneficiaries policy: names are seen by the school itself and its Department only. */
export function canSeeBeneficiaries(school: { id: string; provinceCode: string | null | undefined }, auth: Auth): boolean {
  const u = auth.user;
  if (!u) return false;
  return inProvince(u, school.provinceCode) || (u.role === 'school' && u.organisation.id === school.id);
}

// ---------------------------------------------------------------- donors and agreements

/** `donors.list`: the donors list and vetting board (the Ministry, Departments, administrators). */
export const canListDonors = (auth: Auth) => capability(auth, 'donors.list', (u) => ['admin', 'ministry', 'department'].includes(u.role));

/** The donor organisation the account belongs to (a donor account's own profile), else null. */
export const ownDonorId = (auth: Auth): string | null => (auth.user?.role === 'donor' ? auth.user.organisation.id : null);

/** `DonorDetail.can.vet` (today `permissions.vet`): approve or reject the donor. */
export const canVetDonor = (d: DonorDetail) => d.can.vet;

/** `agreements.create`: record a signed agreement. */
export const canCreateAgreement = (auth: Auth) => capability(auth, 'agreements.create', (u) => ['admin', 'ministry', 'department'].includes(u.role));

// ---------------------------------------------------------------- coordination and plan 29

/** `portal.dashboard`: the coordination dashboard. */
export const canOpenDashboard = (auth: Auth) => capability(auth, 'portal.dashboard', (u) => ['admin', 'ministry', 'department'].includes(u.role));

/** The dashboard's province filter: national accounts choose; a Department sees its own province. */
export const canPickDashboardProvince = (auth: Auth) => !!auth.user && auth.user.role !== 'department';

/** `plan29.select` over these target provinces: all (Ministry, administrators) or a Department's own. */
export function plan29Selectable<P extends { currentCode: string | null }>(targets: readonly P[], auth: Auth): P[] {
  const u = auth.user;
  if (!u || !capability(auth, 'plan29.select', (x) => national(x) || x.role === 'department')) return [];
  if (u.role === 'department') return targets.filter((p) => inProvince(u, p.currentCode));
  return [...targets];
}
