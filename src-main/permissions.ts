import { OperatorError } from './operator-error';

/**
 * What an operator may do beyond reading sessions. The operator model comes later; the
 * check point is here now, in main, so a hidden button is never the only guard.
 */
export const permissions = ['subscribers.disconnect'] as const;
export type Permission = (typeof permissions)[number];

export const allPermissions: ReadonlySet<Permission> = new Set(permissions);

const refusals: Record<Permission, string> = {
  'subscribers.disconnect':
    'You are not allowed to disconnect sessions (permission subscribers.disconnect). ' +
    'Ask an administrator to grant it.',
};

export function requirePermission(granted: ReadonlySet<Permission>, needed: Permission): void {
  if (!granted.has(needed)) throw new OperatorError('FORBIDDEN', refusals[needed]);
}
