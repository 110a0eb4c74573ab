/**
 * What an operator may do, from its row in session_desk.operators (README, "Operators").
 * Main checks every call against them; the page asks only so it can hide what main would
 * refuse anyway.
 * - sessions.view: the Sessions and Subscriber pages load at all.
 * - sessions.view_all: a reseller-tied operator sees every session, not only its tree's.
 * - subscribers.disconnect: Disconnect, bulk runs, and the NAS access they need.
 * - sessions.cleanup: every write to radacct: the stale-session sweeper (its switch and
 *   threshold), closing a ghost, closing what a router reconciliation found.
 */
export const permissionNames = [
  'sessions.view',
  'sessions.view_all',
  'subscribers.disconnect',
  'sessions.cleanup',
] as const;
export type Permission = (typeof permissionNames)[number];

export const isPermission = (name: string): name is Permission =>
  (permissionNames as readonly string[]).includes(name);

/** What each permission lets an operator do, in the words a refusal uses. */
export const permissionPurpose: Record<Permission, string> = {
  'sessions.view': 'see sessions',
  'sessions.view_all': 'see the sessions of every reseller',
  'subscribers.disconnect': 'disconnect sessions',
  'sessions.cleanup': 'close sessions the NAS no longer has',
};

/**
 * Why an operator may not do something, and whom to ask: one wording for main's refusal and
 * for the page that explains it.
 */
export function missingPermissionMessage(permission: Permission, role: string): string {
  return (
    `You may not ${permissionPurpose[permission]}: the database role "${role}" lacks the ` +
    `permission ${permission}. Ask the administrator who keeps Session Desk's operators ` +
    '(the session_desk.operators table) to grant it.'
  );
}
