import type { SubscriberDetail } from '@contract';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { isoTime } from './iso-time';
import { readCheckItems } from './subscriber-check-items';
import { diagnose } from './subscriber-diagnosis';
import { isUsernameInScope, readIdentity } from './subscriber-identity';
import { readHistory, readOnlineSessions } from './subscriber-sessions';
import type { SessionSql } from './session-sql';

/** The same words whether the username does not exist or lies outside the scope. */
export function subscriberNotFound(username: string): OperatorError {
  return new OperatorError(
    'NOT_FOUND',
    `No subscriber "${username}": no session, radcheck or panel entry you can see. ` +
      'Check the spelling (usernames are case-sensitive).',
  );
}

/** Everything the subscriber page shows for one username, under the operator's scope. */
export async function subscriberDetail(
  db: DbQueries,
  schema: DetectedSchema,
  sql: SessionSql,
  username: string,
  scope: OperatorScope,
): Promise<SubscriberDetail> {
  if (!(await isUsernameInScope(db, schema, username, scope))) throw subscriberNotFound(username);
  const [clock] = await db.arrays('SELECT statement_timestamp()', []);
  const readAt = isoTime(String(clock?.[0])) ?? new Date().toISOString();
  const now = new Date(readAt);
  const [identity, online, history, checks] = await Promise.all([
    readIdentity(db, schema, username),
    readOnlineSessions(db, schema, sql, username, scope),
    readHistory(db, schema, sql, username, scope),
    readCheckItems(db, username, schema.serverTimeZone, now),
  ]);
  if (!identity.inPanel && !checks.known && history.length === 0) {
    throw subscriberNotFound(username);
  }
  const stale = online.filter((session) => session.stale).length;
  const limit = {
    limit: checks.limit?.value ?? null,
    source: checks.limit?.source ?? null,
    group: checks.limit?.group ?? null,
    open: online.length,
    stale,
    over: checks.limit !== null && online.length > checks.limit.value,
  };
  return {
    identity,
    online,
    limit,
    account: checks.account,
    history,
    diagnosis: diagnose({ online, limit, account: checks.account, history, now }),
    staleAfterSeconds: sql.stale.staleAfterSeconds,
    readAt,
  };
}
