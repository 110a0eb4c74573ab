import type { Database } from 'better-sqlite3';

/**
 * Widens the CHECK on audit_log.action to admit one more action. SQLite cannot alter a
 * CHECK, so the table is rebuilt from its own stored definition (whatever columns earlier
 * steps added), rows copied with their ids, and its indexes and append-only triggers put
 * back as they were: only the list of actions changes. Run inside a migration transaction.
 */
export function admitAuditAction(db: Database, action: string): void {
  const table = db
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'",
    )
    .get();
  const actionList = /\baction\s+TEXT\s+NOT\s+NULL\s+CHECK\s*\(\s*action\s+IN\s*\(/i;
  if (!table || !actionList.test(table.sql)) {
    throw new Error('audit_log has no CHECK on action to widen; the store is not as expected.');
  }
  if (table.sql.includes(`'${action}'`)) return;
  const attached = db
    .prepare<[], { sql: string }>(
      `SELECT sql FROM sqlite_schema
       WHERE tbl_name = 'audit_log' AND type IN ('index', 'trigger') AND sql IS NOT NULL
       ORDER BY type, name`,
    )
    .all();
  const widened = table.sql
    .replace(actionList, (list) => `${list}'${action}', `)
    .replace(/^CREATE TABLE\s+"?audit_log"?/i, 'CREATE TABLE audit_log_widened');
  db.exec(widened);
  db.exec('INSERT INTO audit_log_widened SELECT * FROM audit_log');
  db.exec('DROP TABLE audit_log');
  db.exec('ALTER TABLE audit_log_widened RENAME TO audit_log');
  for (const { sql } of attached) db.exec(sql);
}
