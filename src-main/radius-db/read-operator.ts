import type { ResellerTree } from '@contract';
import type { DbQueries } from './db-queries';
import type { DetectedSchema } from './detected-schema';
import { resellerTreeSql } from './scope-sql';

/**
 * What session_desk.operators says about the connected role (current_user), as found;
 * operator-access.ts turns it into who the operator is and what it may see and do.
 */
export type OperatorRecord =
  | { kind: 'no-table'; role: string }
  | { kind: 'unreadable'; role: string }
  | { kind: 'no-row'; role: string }
  | {
      kind: 'row';
      role: string;
      /** As stored; checked against the known user types by the caller. */
      userType: unknown;
      permissions: unknown;
      /** null when the row names no reseller. */
      reseller: ResellerTree | null;
    };

// The catalog, not to_regclass: naming a schema this role has no USAGE on is an error,
// and the privileges tell "not installed" from "installed but closed to this role".
const tableSql = `
  SELECT current_user::text AS role, t.oid IS NOT NULL AS installed,
         coalesce(has_schema_privilege(t.relnamespace, 'USAGE')
                  AND has_table_privilege(t.oid, 'SELECT'), false) AS readable
  FROM (SELECT) one
  LEFT JOIN (SELECT c.oid, c.relnamespace FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'session_desk' AND c.relname = 'operators') t ON true`;

// Through jsonb, so a table a DBA changed (a column missing or retyped) still reads, and
// the caller says what is wrong with the row rather than PostgreSQL with the query.
const rowSql = `
  SELECT to_jsonb(o) ->> 'user_type' AS user_type,
         to_jsonb(o) -> 'reseller_id' AS reseller_id,
         to_jsonb(o) -> 'permissions' AS permissions
  FROM session_desk.operators o
  WHERE o.role_name = current_user
  LIMIT 1`;

/** Looks the connected role up in session_desk.operators, once, when a profile connects. */
export async function readOperator(db: DbQueries, schema: DetectedSchema): Promise<OperatorRecord> {
  const [table] = await db.objects<{ role: string; installed: boolean; readable: boolean }>(
    tableSql,
    [],
  );
  const role = table?.role ?? '';
  if (!table?.installed) return { kind: 'no-table', role };
  if (!table.readable) return { kind: 'unreadable', role };
  const [row] = await db.objects<{
    user_type: string | null;
    reseller_id: unknown;
    permissions: unknown;
  }>(rowSql, []);
  if (!row) return { kind: 'no-row', role };
  const resellerId =
    typeof row.reseller_id === 'number' && Number.isSafeInteger(row.reseller_id)
      ? row.reseller_id
      : null;
  return {
    kind: 'row',
    role,
    userType: row.user_type,
    permissions: row.permissions,
    reseller: resellerId === null ? null : await readResellerTree(db, schema, resellerId),
  };
}

/** The reseller's name and how many resellers and subscribers its tree holds. */
async function readResellerTree(
  db: DbQueries,
  schema: DetectedSchema,
  id: number,
): Promise<ResellerTree> {
  if (!schema.summary.panelTables) return { id, name: null, size: null };
  // resellers.name through jsonb: the panel schema Session Desk detects does not require it.
  const [tree] = await db.objects<{ name: string | null; resellers: number; subscribers: number }>(
    `WITH tree AS (${resellerTreeSql('$1::bigint')})
     SELECT (SELECT to_jsonb(r) ->> 'name' FROM resellers r WHERE r.id = $1::bigint) AS name,
            (SELECT count(*) FROM tree)::int AS resellers,
            (SELECT count(*) FROM subscribers s
              WHERE s.reseller_id IN (SELECT id FROM tree))::int AS subscribers`,
    [id],
  );
  return {
    id,
    name: tree?.name ?? null,
    size: { resellers: tree?.resellers ?? 0, subscribers: tree?.subscribers ?? 0 },
  };
}
