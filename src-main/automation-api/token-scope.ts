import type { ApiTokenScope } from '@contract';
import type { OperatorScope } from '../operator-scope';

/** Whether `resellerId` is `rootId` or below it in resellers.parent_id. */
export type TreeContains = (rootId: number, resellerId: number) => Promise<boolean>;

const nothing: OperatorScope = { kind: 'none' };

/**
 * What a token sees: the operator's scope, narrowed by the token's. An admin token acts with
 * the operator's scope; a reseller token sees its reseller's tree, and only the part of it
 * the operator sees. Two trees of one forest either nest (the smaller one is the answer) or
 * share nothing.
 */
export async function tokenScope(
  operator: OperatorScope,
  token: ApiTokenScope,
  contains: TreeContains,
): Promise<OperatorScope> {
  if (token.kind === 'admin' || operator.kind === 'none') return operator;
  const wanted: OperatorScope = { kind: 'reseller', resellerId: token.resellerId };
  if (operator.kind === 'all') return wanted;
  if (await contains(operator.resellerId, token.resellerId)) return wanted;
  if (await contains(token.resellerId, operator.resellerId)) return operator;
  return nothing;
}
