/** Types of the HTTP API other domains' code still imports from here: the contracts' own (types only). */
export type { Role, SchoolLevel, Ownership, AreaFlag, AreaLevel, OrganisationKind, ImportRowError } from '../../../contracts/common';
export type { Area } from '../../../contracts/areas';
export type { Organisation } from '../../../contracts/organisations';
export type { School } from '../../../contracts/schools';
