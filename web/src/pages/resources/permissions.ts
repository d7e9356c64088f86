/**
 * Who may do what on the resource-connection pages: the only place these pages decide it. Each
 * function reads the server's answer it stands for — a page-level capability from /auth/me
 * (`auth.can('<module>.<action>')`) or the `can` object of a detail response — and at most the
 * record's state (what the lifecycle offers now) or the account's own organisation (data, not a rule).
 */
import type { SchoolDetail } from '../../../../contracts/schools';
import type { ContributionDetail, DonorDetail, Need, NeedAction, NeedDetail } from '../../api/resources';
import type { useAuth } from '../../lib/auth';

type Auth = Pick<ReturnType<typeof useAuth>, 'user' | 'can'>;

/** A capability from /auth/me. */
const capability = (auth: Auth, name: string): boolean => auth.can(name);

/** The account's own organisation when it is of this kind (a school's, a Department's, a donor's), else null. */
function ownOrganisation(auth: Auth, kind: 'school' | 'department' | 'donor') {
  const o = auth.user?.organisation;
  return o && o.kind === kind ? o : null;
}

// ---------------------------------------------------------------- needs

/** `needs.create`: record a need (a school for itself, a Department for its schools, an administrator). */
export const canCreateNeed = (auth: Auth) => capability(auth, 'needs.create');

/** `needs.queue`: open the verification queue. */
export const canOpenNeedQueue = (auth: Auth) => capability(auth, 'needs.queue');

/** `needs.verify`: verify or return submitted needs from the queue. */
export const canVerifyNeeds = (auth: Auth) => capability(auth, 'needs.verify');
/** Whether the account may publish what it verifies (the Department; a commune verifies only). */
export const canPublishNeeds = (auth: Auth) => capability(auth, 'needs.publish');

/** "My needs" (`needs.create` held by a school account: its own needs in every state). */
export const canSeeOwnNeeds = (auth: Auth) => !!ownOrganisation(auth, 'school') && canCreateNeed(auth);

/** The school a school account records needs and gifts for (its own; null for other accounts). */
export function ownSchool(auth: Auth): { id: string; name: string } | null {
  const o = ownOrganisation(auth, 'school');
  return o ? { id: o.id, name: o.name } : null;
}

/** The province a school picker is limited to (a Department's own; null: the whole country). */
export function pickerProvince(auth: Auth): string | null {
  return ownOrganisation(auth, 'department')?.provinceCode ?? null;
}

/** `NeedDetail.can` (today `permissions`): edit and each lifecycle action on this need. */
export const needCan = (n: NeedDetail): Record<'edit' | NeedAction, boolean> => n.can;

const openForPledges = (n: Pick<Need, 'status'>) => n.status === 'published' || n.status === 'partly_pledged';

/** `NeedDetail.can.pledge`: pledge in one's own name (a donor); signed out, the button leads to sign-in. */
export const canPledge = (n: NeedDetail, auth: Auth) => openForPledges(n) && (!auth.user || n.can.pledge);

/** `NeedDetail.can.recordOnBehalf`: record a pledge on a donor's behalf for this need. */
export const canRecordForNeed = (n: NeedDetail) => openForPledges(n) && n.can.recordOnBehalf;

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
      return ['draft', 'submitted', 'returned', 'verified', 'published'].includes(n.status) && n.pledgeCount === 0;
  }
}

/** `SchoolDetail.can.createNeed`: record a need for this school. */
export const canCreateNeedFor = (school: Pick<SchoolDetail, 'can'>) => school.can.createNeed;

/** `SchoolDetail.can.seeAllNeeds`: the school's needs in every state, else only the public ones. */
export const seesSchoolNeedsInAnyState = (school: Pick<SchoolDetail, 'can'>) => school.can.seeAllNeeds;

// ---------------------------------------------------------------- ledger

/** `ledger.recordOnBehalf` or `ledger.recordOwnGift`: open the "record a contribution" form. */
export const canRecordContribution = (auth: Auth) => capability(auth, 'ledger.recordOnBehalf') || capability(auth, 'ledger.recordOwnGift');

/** `ledger.recordOwnGift` without `recordOnBehalf`: a school records its own gifts, as the contributor. */
export const recordsOwnGiftsOnly = (auth: Auth) => capability(auth, 'ledger.recordOwnGift') && !capability(auth, 'ledger.recordOnBehalf');

/** `ledger.recordPast`: record a gift given before today (the Ministry and Departments). */
export const canRecordPastGift = (auth: Auth) => capability(auth, 'ledger.recordPast');

/** `ContributionDetail.can` (today `permissions`): deliver, confirm, accept, cancel — as the status allows them now. */
export function contributionActions(c: ContributionDetail) {
  const can = c.can;
  const open = c.status === 'pledged' || c.status === 'delivered';
  return { deliver: can.deliver && c.status === 'pledged', confirm: can.confirm && open, accept: can.accept && c.status === 'received', cancel: can.cancel && open };
}

// ---------------------------------------------------------------- schools: surveys and gift recipients

/** `SchoolDetail.can.manageResources`: write this school's facility surveys. */
export const canManageSchoolResources = (school: Pick<SchoolDetail, 'can'>) => school.can.manageResources;

/** `SchoolDetail.can.viewBeneficiaries`: the gift recipients' names (the school itself and its Department). */
export const canSeeBeneficiaries = (school: Pick<SchoolDetail, 'can'> | undefined) => !!school?.can.viewBeneficiaries;

// ---------------------------------------------------------------- donors and agreements

/** `donors.list`: the donors list and vetting board (the Ministry, Departments, administrators). */
export const canListDonors = (auth: Auth) => capability(auth, 'donors.list');

/** The donor organisation the account belongs to (a donor account's own profile), else null. */
export const ownDonorId = (auth: Auth): string | null => ownOrganisation(auth, 'donor')?.id ?? null;

/** `DonorDetail.can.vet` (today `permissions.vet`): approve or reject the donor. */
export const canVetDonor = (d: DonorDetail) => d.can.vet;

/** `agreements.create`: record a signed agreement. */
export const canCreateAgreement = (auth: Auth) => capability(auth, 'agreements.create');

// ---------------------------------------------------------------- coordination and plan 29

/** `portal.dashboard`: the coordination dashboard. */
export const canOpenDashboard = (auth: Auth) => capability(auth, 'portal.dashboard');

/** `portal.anyProvince`: the dashboard's province filter (national accounts; a Department sees its own province). */
export const canPickDashboardProvince = (auth: Auth) => capability(auth, 'portal.anyProvince');

/** `plan29.select` over these target provinces: a Department's own (its organisation's province), else all. */
export function plan29Selectable<P extends { currentCode: string | null }>(targets: readonly P[], auth: Auth): P[] {
  if (!capability(auth, 'plan29.select')) return [];
  const province = pickerProvince(auth);
  return province ? targets.filter((p) => p.currentCode === province) : [...targets];
}
