import type { AuditEntry, DisconnectOutcome, DisconnectPath, UserType } from '@contract';
import {
  anythingAnswered,
  anythingSent,
  nasWords,
  type DisconnectAttempt,
  type DisconnectReport,
  type DisconnectTarget,
} from '../nas/disconnect';
import { sentences } from '../sentences';
import type { StopReading } from './accounting-stop-watcher';

const pathNames: Record<DisconnectPath, string> = {
  'routeros-api': 'RouterOS API',
  coa: 'CoA Disconnect-Request',
};
const otherPath: Record<DisconnectPath, DisconnectPath> = {
  'routeros-api': 'coa',
  coa: 'routeros-api',
};

/**
 * One session's outcome, decided by radacct: closed is disconnected whatever the NAS replied
 * (a late, lost or unverifiable reply is common); open after an acknowledgement is "NAS
 * acknowledged, session still open"; open otherwise is failed, with every path's reason, or
 * cancelled when Cancel stopped it. `graceMs` is how long radacct was watched.
 */
export function settleOutcome(
  target: DisconnectTarget,
  report: DisconnectReport,
  reading: StopReading,
  graceMs: number,
): DisconnectOutcome {
  const sent = anythingSent(report);
  const base = {
    radacctId: target.radacctId,
    username: target.username,
    nasIp: target.nasIp,
    nasName: target.nasName,
    path: report.acknowledgedBy,
    attempts: report.attempts.map(({ path, outcome, detail }) => ({ path, outcome, detail })),
    sent,
    answered: anythingAnswered(report),
    ghost: false,
  };
  const nas = nasWords(target);
  const acknowledged = report.acknowledgedBy;
  const wasCancelled = report.attempts.some((attempt) => attempt.outcome === 'cancelled');

  if (reading.kind === 'stopped') {
    const stop = `Accounting-Stop at ${clockTime(reading.at)}`;
    const message = acknowledged
      ? `Disconnected ${target.username} on ${nas} via ${pathNames[acknowledged]} (${stop}).`
      : sent
        ? `Disconnected ${target.username} on ${nas} (${replyWords(report.attempts)}; ${stop}).`
        : `${target.username}'s session on ${nas} had ended already (${stop}); nothing was sent.`;
    return { ...base, result: 'done', message, stoppedAt: reading.at, sessionOpen: false };
  }

  if (reading.kind === 'unknown') {
    const unchecked = `the Accounting-Stop could not be checked: ${reading.why}`;
    if (acknowledged) {
      return {
        ...base,
        result: 'done',
        message: `Disconnected ${target.username} on ${nas} via ${pathNames[acknowledged]} (${unchecked}).`,
        stoppedAt: null,
        sessionOpen: null,
      };
    }
    return {
      ...base,
      result: wasCancelled ? 'cancelled' : 'failed',
      message: sentences(failureWords(wasCancelled, report.attempts), unchecked),
      stoppedAt: null,
      sessionOpen: null,
    };
  }

  const stillOpen = `radacct still shows the session open ${seconds(graceMs)} later`;
  if (acknowledged) {
    return {
      ...base,
      result: 'still-online',
      message:
        `NAS acknowledged, session still open: ${nas} answered the ` +
        `${pathNames[acknowledged]} but radacct has no Accounting-Stop for ` +
        `${target.username}. Try the ${pathNames[otherPath[acknowledged]]}.`,
      stoppedAt: null,
      sessionOpen: true,
    };
  }
  const noSuchSession = report.attempts.some((attempt) => attempt.failure === 'no-such-session');
  if (noSuchSession && !wasCancelled) {
    return {
      ...base,
      result: 'failed',
      ghost: true,
      message: sentences(
        `Ghost: ${nas} has no such session, but radacct still shows ${target.username} open`,
        sentences(...report.attempts.map((attempt) => attempt.detail)),
        'Close in radacct ends the row there (stop at its last update, Lost-Carrier)',
      ),
      stoppedAt: null,
      sessionOpen: true,
    };
  }
  return {
    ...base,
    result: wasCancelled ? 'cancelled' : 'failed',
    message: sentences(failureWords(wasCancelled, report.attempts), sent ? stillOpen : null),
    stoppedAt: null,
    sessionOpen: true,
  };
}

/**
 * A session of a cancelled run that was never started: nothing was sent for it. radacct,
 * read once, still says whether it is online, so "still online" counts it right.
 */
export function cancelledOutcome(
  target: DisconnectTarget,
  reading: StopReading,
): DisconnectOutcome {
  const ended =
    reading.kind === 'stopped'
      ? `It has ended meanwhile (Accounting-Stop at ${clockTime(reading.at)})`
      : null;
  return {
    radacctId: target.radacctId,
    username: target.username,
    nasIp: target.nasIp,
    nasName: target.nasName,
    result: 'cancelled',
    path: null,
    message: sentences('Not sent: the run was cancelled', ended),
    attempts: [],
    stoppedAt: reading.kind === 'stopped' ? reading.at : null,
    sessionOpen: reading.kind === 'unknown' ? null : reading.kind === 'open',
    sent: false,
    answered: false,
    ghost: false,
  };
}

/** "Disconnect failed: RouterOS API: …. CoA: …." — every path's reason, as sentences. */
function failureWords(cancelled: boolean, attempts: DisconnectAttempt[]): string {
  const reasons = sentences(...attempts.map((attempt) => attempt.detail));
  if (cancelled) return sentences('Cancelled before the NAS confirmed', reasons);
  if (attempts.length > 0 && attempts.every((attempt) => attempt.outcome === 'skipped')) {
    return `Disconnect failed, nothing was sent: ${reasons}`;
  }
  return `Disconnect failed: ${reasons}`;
}

/** Why no path was acknowledged although the session ended. */
function replyWords(attempts: DisconnectAttempt[]): string {
  const failures = new Set(attempts.map((attempt) => attempt.failure));
  if (failures.has('refused')) return 'NAS reply unverifiable';
  if (failures.has('timed-out')) return 'NAS reply lost or late';
  if (failures.has('cancelled')) return 'cancelled before the NAS replied';
  if (failures.has('rejected')) return 'the NAS refused the request';
  if (failures.has('no-such-session')) return 'the NAS had no such session';
  return 'NAS reply lost';
}

/** HH:MM:SS on this workstation's clock; "an unknown time" for an archived row. */
function clockTime(at: string | null): string {
  if (at === null) return 'an unknown time (the row has left radacct)';
  const time = new Date(at);
  return Number.isNaN(time.getTime()) ? at : time.toLocaleTimeString('en-GB', { hour12: false });
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Who is acting, for the audit log. */
export interface Operator {
  osUser: string;
  dbRole: string | null;
  /** From session_desk.operators; null when the database has no operators table. */
  userType: UserType | null;
  resellerId: number | null;
  resellerName: string | null;
  /** The Automation API token acting for the operator, by name; null at the screen. */
  apiToken: string | null;
}

/** The outcome as the audit log keeps it: the message says it all, once. */
export function auditEntryFor(
  action: AuditEntry['action'],
  operator: Operator,
  target: DisconnectTarget,
  outcome: DisconnectOutcome,
  runId: number | null = null,
): Omit<AuditEntry, 'id'> {
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
    detail: outcome.message,
    runId,
    userType: operator.userType,
    resellerId: operator.resellerId,
    resellerName: operator.resellerName,
    apiToken: operator.apiToken,
  };
}
