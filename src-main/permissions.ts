import { permissionNames, type Permission } from '@contract';
import { OperatorError } from './operator-error';

// The operator model comes later; the check point is here now, in main, so a hidden
// button is never the only guard.
export type { Permission };

export const allPermissions: ReadonlySet<Permission> = new Set(permissionNames);

const refusals: Record<Permission, string> = {
  'subscribers.disconnect':
    'You are not allowed to disconnect sessions (permission subscribers.disconnect). ' +
    'Ask an administrator to grant it.',
};

export function requirePermission(granted: ReadonlySet<Permission>, needed: Permission): void {
  if (!granted.has(needed)) throw new OperatorError('FORBIDDEN', refusals[needed]);
}
