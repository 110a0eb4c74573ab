import {
  isPermission,
  isUserType,
  userTypes,
  type OperatorIdentity,
  type Permission,
} from '@contract';
import { everything, type OperatorScope } from './operator-scope';
import { allPermissions, defaultPermissions } from './permissions';
import type { OperatorRecord } from './radius-db/read-operator';

/** The connected operator: who it is, which sessions it sees, what it may do. */
export interface OperatorAccess {
  identity: OperatorIdentity;
  /** The PostgreSQL role (current_user). */
  role: string;
  scope: OperatorScope;
  permissions: ReadonlySet<Permission>;
}

/**
 * The one place where an operator's scope and permissions are decided, from what
 * session_desk.operators says about the connected role. Every read and action of the
 * service takes them from here, whatever the transport.
 */
export function operatorAccess(record: OperatorRecord): OperatorAccess {
  const identity = identityOf(record);
  return {
    identity,
    role: identity.role,
    scope: scopeOf(identity),
    permissions: new Set(identity.permissions),
  };
}

const askTheDba = 'Ask the administrator who keeps session_desk.operators';

function identityOf(record: OperatorRecord): OperatorIdentity {
  const { role } = record;
  const nothing = (why: string): OperatorIdentity => ({
    kind: 'not-listed',
    role,
    why,
    permissions: [],
  });
  switch (record.kind) {
    case 'no-table':
      return { kind: 'database-owner', role, permissions: [...allPermissions] };
    case 'unreadable':
      return nothing(
        `Role "${role}" may not read session_desk.operators, so Session Desk cannot tell what ` +
          `it may do. ${askTheDba} to run sql/session-desk-operators.sql again (it lets every ` +
          'role read its own row).',
      );
    case 'no-row':
      return nothing(
        `Role "${role}" has no row in session_desk.operators. ${askTheDba} to add it.`,
      );
    case 'row':
      break;
  }
  const { userType, reseller } = record;
  if (typeof userType !== 'string' || !isUserType(userType)) {
    return nothing(
      `The session_desk.operators row of role "${role}" has the user type "${String(userType)}", ` +
        `which Session Desk does not know (it knows ${userTypes.join(', ')}). ${askTheDba} to fix it.`,
    );
  }
  // Names Session Desk does not know (from a newer table) are left out, not refused.
  const listed = Array.isArray(record.permissions)
    ? [...new Set(record.permissions as unknown[])].filter(
        (name): name is Permission => typeof name === 'string' && isPermission(name),
      )
    : [];
  const permissions = listed.length > 0 ? listed : [...defaultPermissions[userType]];
  if (userType === 'admin' || permissions.includes('sessions.view_all')) {
    return { kind: 'listed', role, userType, permissions, sees: 'everything', reseller };
  }
  if (reseller === null) {
    return nothing(
      `The session_desk.operators row of role "${role}" (${userType}) names no reseller, so ` +
        `there is no tree of subscribers to show. ${askTheDba} to set its reseller_id.`,
    );
  }
  return { kind: 'listed', role, userType, permissions, sees: 'reseller-tree', reseller };
}

function scopeOf(identity: OperatorIdentity): OperatorScope {
  switch (identity.kind) {
    case 'database-owner':
      return everything;
    case 'not-listed':
      return { kind: 'none' };
    case 'listed':
      return identity.sees === 'everything'
        ? everything
        : { kind: 'reseller', resellerId: identity.reseller.id };
  }
}
