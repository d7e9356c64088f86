import { definePolicy } from '../../platform/policy.js';

/** Notifications are read (and marked read) by the accounts they address: any signed-in account, for its own. */
export const notificationPolicy = definePolicy<null, 'read'>({
  read: (a) => a.userId !== null,
});
