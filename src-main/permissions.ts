import {
  missingPermissionMessage,
  permissionNames,
  type Permission,
  type UserType,
} from '@contract';
import { OperatorError } from './operator-error';

export type { Permission };

export const allPermissions: readonly Permission[] = permissionNames;

/**
 * What a user type may do when its operators row leaves permissions empty (README,
 * "Operators"). Staff who take the "I'm disconnected" calls may kick a session; those who
 * collect payments or only look may not. Only an admin cleans up radacct.
 */
export const defaultPermissions: Record<UserType, readonly Permission[]> = {
  admin: permissionNames,
  reseller: ['sessions.view', 'subscribers.disconnect'],
  'sub-reseller': ['sessions.view', 'subscribers.disconnect'],
  support: ['sessions.view', 'subscribers.disconnect'],
  collector: ['sessions.view'],
  'read-only': ['sessions.view'],
};

/** Refuses, in the operator's words and naming whom to ask, unless `needed` is granted. */
export function requirePermission(
  operator: { role: string; permissions: ReadonlySet<Permission> },
  needed: Permission,
): void {
  if (!operator.permissions.has(needed)) {
    throw new OperatorError(
      'FORBIDDEN',
      missingPermissionMessage(needed, operator.role),
      { permission: needed },
      'permission-missing',
    );
  }
}
