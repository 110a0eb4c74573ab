import type { Database } from 'better-sqlite3';
import type { AuditEntry, AuditRun } from '@contract';
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
  run_id: number | null;
  api_token: string | null;
}

interface RunRow {
  id: number;
  started_at: string;
  description: string;
  total: number;
}

type AuditParams = Omit<AuditEntry, 'id'> & { profileId: number | null };

interface PageParams {
  profileId: number;
  beforeId: number | null;
  limit: number;
  runId: number | null;
  result: AuditEntry['result'] | null;
  nasIp: string | null;
}

const columns =
  'id, at, os_user, db_role, action, username, nas_ip, acct_session_id, radacct_id, path, ' +
  'result, detail, user_type, reseller_id, reseller_name, run_id, api_token';

/**
 * The local audit log, and the bulk runs its entries are grouped under. The CHECK
 * constraints of migrations 2 and 5 keep action, path, result and user type in their
 * unions; triggers keep both tables append-only.
 */
export function createAuditLog(db: Database): AuditLog {
  const insert = db.prepare<AuditParams, AuditRow>(
    `INSERT INTO audit_log (profile_id, at, os_user, db_role, action, username, nas_ip,
                            acct_session_id, radacct_id, path, result, detail, user_type,
                            reseller_id, reseller_name, run_id, api_token)
     VALUES (@profileId, @at, @osUser, @dbRole, @action, @username, @nasIp, @acctSessionId,
             @radacctId, @path, @result, @detail, @userType, @resellerId, @resellerName, @runId,
             @apiToken)
     RETURNING ${columns}`,
  );
  // Keyset on id: ids only grow, as rows are never deleted. Each filter is off when null.
  const page = db.prepare<PageParams, AuditRow>(
    `SELECT ${columns} FROM audit_log
     WHERE profile_id = @profileId AND (@beforeId IS NULL OR id < @beforeId)
       AND (@runId IS NULL OR run_id = @runId)
       AND (@result IS NULL OR result = @result)
       AND (@nasIp IS NULL OR nas_ip = @nasIp)
     ORDER BY id DESC LIMIT @limit`,
  );
  const insertRun = db.prepare<
    { profileId: number; startedAt: string; description: string; total: number },
    RunRow
  >(
    `INSERT INTO disconnect_run (profile_id, started_at, description, total)
     VALUES (@profileId, @startedAt, @description, @total)
     RETURNING id, started_at, description, total`,
  );
  const runPage = db.prepare<{ profileId: number; limit: number }, RunRow>(
    `SELECT id, started_at, description, total FROM disconnect_run
     WHERE profile_id = @profileId ORDER BY id DESC LIMIT @limit`,
  );

  return {
    record: (profileId, entry) => toEntry(insert.get({ ...entry, profileId })!),
    list: (profileId, { limit, beforeId, runId, result, nasIp }) =>
      page.all({ profileId, beforeId, limit, runId, result, nasIp }).map(toEntry),
    startRun: (profileId, run) => toRun(insertRun.get({ profileId, ...run })!),
    runs: (profileId, limit) => runPage.all({ profileId, limit }).map(toRun),
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
    runId: row.run_id,
    apiToken: row.api_token,
  };
}

function toRun(row: RunRow): AuditRun {
  return {
    runId: row.id,
    startedAt: row.started_at,
    description: row.description,
    total: row.total,
  };
}
