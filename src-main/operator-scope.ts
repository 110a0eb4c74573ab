/**
 * Which sessions an operator may see. Every session query takes one and applies it in SQL:
 * 'all' for admins and sessions.view_all; a reseller-tied operator sees the subscribers of
 * its reseller's tree (itself and every descendant in resellers.parent_id); 'none' for an
 * operator the operators table gives nothing, so a read that slipped past the permission
 * check still returns no row.
 */
export type OperatorScope =
  { kind: 'all' } | { kind: 'reseller'; resellerId: number } | { kind: 'none' };

export const everything: OperatorScope = { kind: 'all' };
