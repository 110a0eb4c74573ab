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
  user_type: AuditEntry['userType'];
  reseller_id: number | null;
  reseller_name: string | null;
}

type AuditParams = Omit<AuditEntry, 'id'> & { profileId: number | null };

const columns =
  'id, at, os_user, db_role, action, username, nas_ip, acct_session_id, radacct_id, path, ' +
  'result, detail, user_type, reseller_id, reseller_name';

/**
 * The local audit log. The CHECK constraints of migrations 2 and 5 keep action, path, result
 * and user type in their unions.
 */
export function createAuditLog(db: Database): AuditLog {
  const insert = db.prepare<AuditParams, AuditRow>(
    `INSERT INTO audit_log (profile_id, at, os_user, db_role, action, username, nas_ip,
                            acct_session_id, radacct_id, path, result, detail, user_type,
                            reseller_id, reseller_name)
     VALUES (@profileId, @at, @osUser, @dbRole, @action, @username, @nasIp, @acctSessionId,
             @radacctId, @path, @result, @detail, @userType, @resellerId, @resellerName)
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
    userType: row.user_type,
    resellerId: row.reseller_id,
    resellerName: row.reseller_name,
  };
}
