import type { AuditEntry, DisconnectOutcome, DisconnectPath, UserType } from '@contract';
import type { ConfirmedDisconnect, DisconnectTarget } from '../nas/disconnect';

const pathNames: Record<DisconnectPath, string> = {
  'routeros-api': 'RouterOS API',
  coa: 'CoA Disconnect-Request',
};
const otherPath: Record<DisconnectPath, DisconnectPath> = {
  'routeros-api': 'coa',
  coa: 'routeros-api',
};

/** One session's disconnect in the operator's words, from what the paths and radacct said. */
export function describeOutcome(
  target: DisconnectTarget,
  confirmed: ConfirmedDisconnect,
  unconfirmedBecause: string | null = null,
): DisconnectOutcome {
  const base = { radacctId: target.radacctId, username: target.username, nasIp: target.nasIp };
  switch (confirmed.result) {
    case 'done': {
      const checked =
        unconfirmedBecause === null
          ? ''
          : ` (the Accounting-Stop could not be checked: ${unconfirmedBecause})`;
      return {
        ...base,
        result: 'done',
        path: confirmed.path,
        message: `Disconnected ${target.username} on ${target.nasIp} via ${pathNames[confirmed.path]}${checked}.`,
        attempts: confirmed.attempts,
      };
    }
    case 'still-online':
      return {
        ...base,
        result: 'still-online',
        path: confirmed.path,
        message:
          `NAS acknowledged, session still open: ${target.nasIp} answered the ` +
          `${pathNames[confirmed.path]} but radacct has no Accounting-Stop for ` +
          `${target.username}. Try the ${pathNames[otherPath[confirmed.path]]}.`,
        attempts: confirmed.attempts,
      };
    case 'failed':
      return {
        ...base,
        result: 'failed',
        path: null,
        message: confirmed.reason,
        attempts: confirmed.attempts,
      };
  }
}

export function cancelledOutcome(target: DisconnectTarget): DisconnectOutcome {
  return {
    radacctId: target.radacctId,
    username: target.username,
    nasIp: target.nasIp,
    result: 'cancelled',
    path: null,
    message: 'Not sent: the run was cancelled.',
    attempts: [],
  };
}

/** Who is acting, for the audit log. */
export interface Operator {
  osUser: string;
  dbRole: string | null;
  /** From session_desk.operators; null when the database has no operators table. */
  userType: UserType | null;
  resellerId: number | null;
  resellerName: string | null;
}

export function auditEntryFor(
  action: AuditEntry['action'],
  operator: Operator,
  target: DisconnectTarget,
  outcome: DisconnectOutcome,
  detailPrefix = '',
): Omit<AuditEntry, 'id'> {
  const tried = outcome.attempts.map((attempt) => attempt.detail).join('; ');
  return {
    at: new Date().toISOString(),
    osUser: operator.osUser,
    dbRole: operator.dbRole,
    action,
    username: target.username,
    nasIp: target.nasIp,
    acctSessionId: target.acctSessionId || null,
    radacctId: target.radacctId,
    path: outcome.path,
    result: outcome.result,
    detail: `${detailPrefix}${outcome.message}${tried ? ` [${tried}]` : ''}`,
    userType: operator.userType,
    resellerId: operator.resellerId,
    resellerName: operator.resellerName,
  };
}
