/** The API's enums come from the contracts (one definition for server and web). */
export { AREA_FLAGS, OWNERSHIPS, ROLES, SCHOOL_LEVELS } from '../../../contracts/common';

/** Bounds that show the whole country including Hoàng Sa and Trường Sa. */
export const VIETNAM_BOUNDS: [[number, number], [number, number]] = [
  [102.0, 7.0],
  [118.0, 23.6],
];
