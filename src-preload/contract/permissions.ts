/**
 * What an operator may do beyond reading sessions. Main checks every call; the page only
 * asks so it can hide what main would refuse.
 */
export const permissionNames = ['subscribers.disconnect'] as const;
export type Permission = (typeof permissionNames)[number];

export interface OperatorPermissions {
  granted: Permission[];
}
