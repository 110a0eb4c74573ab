import type { SubscriberIdentity } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { scopeSql } from './scope-sql';
import { SqlParams } from './sql-params';

/**
 * Whether the operator's scope covers this username: the same condition the session list
 * applies, evaluated for the name alone, so the detail can never show more than the list.
 */
export async function isUsernameInScope(
  db: DbQueries,
  schema: DetectedSchema,
  username: string,
  scope: OperatorScope,
): Promise<boolean> {
  const params = new SqlParams();
  const name = params.add(username, 'text');
  const scoped = scopeSql(scope, schema, params);
  if (scoped === null) return true;
  const [row] = await db.objects<{ visible: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM (SELECT ${name} AS username) r WHERE ${scoped}) AS visible`,
    params.values,
  );
  return row?.visible ?? false;
}

/**
 * Full name, service and reseller from the panel tables; the first subscriber row wins when
 * usernames are not unique, as in the session list. resellers.name is read through jsonb
 * because the panel schema Session Desk detects does not require that column.
 */
export async function readIdentity(
  db: DbQueries,
  schema: DetectedSchema,
  username: string,
): Promise<SubscriberIdentity> {
  const none: SubscriberIdentity = {
    username,
    fullName: null,
    service: null,
    reseller: null,
    inPanel: false,
  };
  if (!schema.summary.panelTables) return none;
  const [row] = await db.objects<{
    full_name: string | null;
    service: string | null;
    reseller: string | null;
  }>(
    `SELECT s.full_name::text AS full_name, sv.name::text AS service,
            coalesce(to_jsonb(rs) ->> 'name', '#' || rs.id::text) AS reseller
     FROM subscribers s
     LEFT JOIN services sv ON sv.id = s.service_id
     LEFT JOIN resellers rs ON rs.id = s.reseller_id
     WHERE s.username = $1 ORDER BY s.id LIMIT 1`,
    [username],
  );
  if (!row) return none;
  return {
    username,
    fullName: row.full_name,
    service: row.service,
    reseller: row.reseller,
    inPanel: true,
  };
}
