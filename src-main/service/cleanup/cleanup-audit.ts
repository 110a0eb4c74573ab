import type { AuditEntry } from '@contract';
import type { OperatorAccess } from '../../operator-access';
import { currentOperator } from '../operator-identity';

/** An audit entry for a write to radacct (or its settings) by the connected operator. */
export function cleanupAuditEntry(
  operator: OperatorAccess,
  fields: Pick<AuditEntry, 'action' | 'username' | 'nasIp' | 'detail'> &
    Partial<Pick<AuditEntry, 'acctSessionId' | 'radacctId' | 'result' | 'at'>>,
): Omit<AuditEntry, 'id'> {
  const who = currentOperator(operator);
  return {
    at: fields.at ?? new Date().toISOString(),
    osUser: who.osUser,
    dbRole: who.dbRole,
    action: fields.action,
    username: fields.username,
    nasIp: fields.nasIp,
    acctSessionId: fields.acctSessionId ?? null,
    radacctId: fields.radacctId ?? null,
    path: null,
    result: fields.result ?? 'done',
    detail: fields.detail,
    runId: null,
    userType: who.userType,
    resellerId: who.resellerId,
    resellerName: who.resellerName,
    apiToken: null,
  };
}
