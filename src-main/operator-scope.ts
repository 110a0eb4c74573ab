/**
 * Which sessions an operator may see. Every session query takes one and applies it in SQL:
 * 'all' for admins and sessions.view_all; a reseller sees the subscribers of its own
 * tree (itself and every descendant in resellers.parent_id).
 */
export type OperatorScope = { kind: 'all' } | { kind: 'reseller'; resellerId: number };

export const everything: OperatorScope = { kind: 'all' };
