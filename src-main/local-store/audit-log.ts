import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '@contract';
import type { AuditLog } from './local-store';

interface AuditRow {
  id: number;
  at: string;
  os_user: string;
  db_role: string | null;
  action: AuditEntry['action'];
  username: string;
  nas_ip: string;
  acct_session_id: string | null;
  radacct_id: string | null;
  path: AuditEntry['path'];
  result: AuditEntry['result'];
  detail: string;
}

type AuditParams = Omit<AuditEntry, 'id'> & { profileId: number | null };

const columns =
  'id, at, os_user, db_role, action, username, nas_ip, acct_session_id, radacct_id, path, ' +
  'result, detail';

/** The local audit log. The CHECK constraints of migration 2 keep action, path and result in their unions. */
export function createAuditLog(db: Database): AuditLog {
  const insert = db.prepare<AuditParams, AuditRow>(
    `INSERT INTO audit_log (profile_id, at, os_user, db_role, action, username, nas_ip,
                            acct_session_id, radacct_id, path, result, detail)
     VALUES (@profileId, @at, @osUser, @dbRole, @action, @username, @nasIp, @acctSessionId,
             @radacctId, @path, @result, @detail)
     RETURNING ${columns}`,
  );
  // Keyset on id: ids only grow, as rows are never deleted.
  const page = db.prepare<{ profileId: number; beforeId: number | null; limit: number }, AuditRow>(
    `SELECT ${columns} FROM audit_log
     WHERE profile_id = @profileId AND (@beforeId IS NULL OR id < @beforeId)
     ORDER BY id DESC LIMIT @limit`,
  );

  return {
    record: (profileId, entry) => toEntry(insert.get({ ...entry, profileId })!),
    list: (profileId, { limit, beforeId }) => page.all({ profileId, beforeId, limit }).map(toEntry),
  };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    osUser: row.os_user,
    dbRole: row.db_role,
    action: row.action,
    username: row.username,
    nasIp: row.nas_ip,
    acctSessionId: row.acct_session_id,
    radacctId: row.radacct_id,
    path: row.path,
    result: row.result,
    detail: row.detail,
  };
}
