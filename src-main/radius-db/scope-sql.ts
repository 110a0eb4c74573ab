import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { DetectedSchema } from './detected-schema';
import type { SqlParams } from './sql-params';

/**
 * The ids of a reseller and of every reseller below it in resellers.parent_id, at any depth,
 * as a subquery; `reseller` is the placeholder of the root id. UNION, not UNION ALL, so a
 * parent_id loop in the panel data cannot run forever.
 */
export function resellerTreeSql(reseller: string): string {
  return `WITH RECURSIVE tree (id) AS (
        SELECT id FROM resellers WHERE id = ${reseller}
        UNION
        SELECT child.id FROM resellers child JOIN tree ON child.parent_id = tree.id)
      SELECT id FROM tree`;
}

/**
 * The operator scope as a condition on radacct r, or null for everything. A reseller sees
 * the sessions of its subscribers and of every sub-reseller's, at any depth.
 */
export function scopeSql(
  scope: OperatorScope,
  schema: DetectedSchema,
  params: SqlParams,
): string | null {
  if (scope.kind === 'all') return null;
  if (scope.kind === 'none') return 'false';
  if (!schema.summary.panelTables) {
    throw new OperatorError(
      'FORBIDDEN',
      'This database has no reseller tables (subscribers, resellers), so sessions cannot be ' +
        'limited to your reseller: Session Desk shows you none rather than every one. Ask an ' +
        'administrator for a profile that may see all sessions (sessions.view_all).',
      undefined,
      'scope-unavailable',
    );
  }
  const reseller = params.add(scope.resellerId, 'bigint');
  return `r.username IN (
    SELECT sub.username FROM subscribers sub WHERE sub.reseller_id IN (
      ${resellerTreeSql(reseller)}))`;
}
