import type { Permission } from './permissions';

/** The user types of the panel's staff, as session_desk.operators names them. */
export const userTypes = [
  'admin',
  'reseller',
  'sub-reseller',
  'support',
  'collector',
  'read-only',
] as const;
export type UserType = (typeof userTypes)[number];

export const isUserType = (name: string): name is UserType =>
  (userTypes as readonly string[]).includes(name);

/** The reseller an operator is tied to, and how big its tree is. */
export interface ResellerTree {
  /** resellers.id */
  id: number;
  /** resellers.name, when the panel has that column and the reseller exists. */
  name: string | null;
  /**
   * The reseller and every sub-reseller below it, at any depth, and their subscribers;
   * null when this database has no panel tables to count them in.
   */
  size: { resellers: number; subscribers: number } | null;
}

/**
 * Who the profile's PostgreSQL role (current_user) is to Session Desk, read once at connect.
 * - listed: its row in session_desk.operators. It sees everything (admin, or
 *   sessions.view_all) or only its reseller's tree.
 * - database-owner: the database has no operators table, so the role administers it, as
 *   before operators existed: every permission, every session.
 * - not-listed: the table exists but gives this role nothing usable (no row, a row Session
 *   Desk cannot read or understand): it may do nothing. `why` says which, in NOC words.
 */
export type OperatorIdentity =
  | ({
      kind: 'listed';
      role: string;
      userType: UserType;
      permissions: Permission[];
    } & (
      | { sees: 'everything'; reseller: ResellerTree | null }
      | { sees: 'reseller-tree'; reseller: ResellerTree }
    ))
  | { kind: 'database-owner'; role: string; permissions: Permission[] }
  | { kind: 'not-listed'; role: string; why: string; permissions: [] };
