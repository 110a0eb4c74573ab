import type { OnlineSession } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { resellerTreeSql, scopeSql } from './scope-sql';
import type { SessionSql } from './session-sql';
import { isUsernameInScope } from './subscriber-identity';
import { readOnlineSessions } from './subscriber-sessions';
import { SqlParams } from './sql-params';

/**
 * The username of the panel's subscriber `subscribers.id = userId`, or null when there is
 * none or it lies outside the scope (the two read the same). Needs the panel tables.
 */
export async function subscriberUsername(
  db: DbQueries,
  schema: DetectedSchema,
  userId: number,
  scope: OperatorScope,
): Promise<string | null> {
  const params = new SqlParams();
  const id = params.add(userId, 'bigint');
  const scoped = scopeSql(scope, schema, params);
  // r: the scope condition is written against radacct's alias, and reads r.username only.
  const [row] = await db.objects<{ username: string }>(
    `SELECT r.username FROM (SELECT username::text AS username FROM subscribers WHERE id = ${id}) r
     ${scoped === null ? '' : `WHERE ${scoped}`}`,
    params.values,
  );
  return row?.username ?? null;
}

/**
 * One subscriber's open sessions with the online-sessions query's fields (the subscriber
 * page's own read), or null when the username lies outside the scope.
 */
export async function onlineSessionsOf(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  username: string,
  scope: OperatorScope,
): Promise<OnlineSession[] | null> {
  if (!(await isUsernameInScope(db, schema, username, scope))) return null;
  return readOnlineSessions(db, schema, sql, username, scope);
}

/** Whether `resellerId` is `rootId` or any reseller below it, at any depth. */
export async function resellerTreeContains(
  db: DbQueries,
  rootId: number,
  resellerId: number,
): Promise<boolean> {
  const params = new SqlParams();
  const root = params.add(rootId, 'bigint');
  const reseller = params.add(resellerId, 'bigint');
  const [row] = await db.objects<{ inside: boolean }>(
    `SELECT ${reseller} IN (${resellerTreeSql(root)}) AS inside`,
    params.values,
  );
  return row?.inside ?? false;
}
