import {
  F,
  type AccountState,
  type Diagnosis,
  type OnlineSession,
  type SessionLimit,
  type SessionRow,
} from '@contract';

// Acct-Terminate-Cause (RFC 2866 §5.10, RFC 3580) in the words a NOC uses on the phone.
const causeWords: Record<string, string> = {
  'User-Request': 'the subscriber’s router hung up',
  'Lost-Carrier': 'the link dropped (lost carrier)',
  'Lost-Service': 'the service was lost on the NAS side',
  'Idle-Timeout': 'idle timeout: no traffic for too long',
  'Session-Timeout': 'the session time limit was reached',
  'Admin-Reset': 'an operator disconnected it',
  'Admin-Reboot': 'an operator rebooted the NAS',
  'Port-Error': 'a port error on the NAS',
  'NAS-Error': 'the NAS reported an error',
  'NAS-Request': 'the NAS ended it',
  'NAS-Reboot': 'the NAS rebooted',
  'Port-Unneeded': 'the NAS released the port',
  'Port-Preempted': 'the NAS gave the port to another session',
  'Port-Suspended': 'the port was suspended',
  'Service-Unavailable': 'the service was unavailable',
  Callback: 'the NAS is calling back',
  'User-Error': 'the subscriber’s router made an error (check PPP / authentication settings)',
  'Host-Request': 'the host ended it',
  'Supplicant-Restart': 'the subscriber’s device restarted',
  'Reauthentication-Failure': 're-authentication failed',
};

export function terminateCauseWords(cause: string | null): string {
  if (cause === null || cause.trim() === '') return 'no terminate cause recorded';
  const words = causeWords[cause.trim()];
  return words ? `${words} (${cause.trim()})` : cause.trim();
}

/**
 * "2026-11-21 10:00 Europe/Madrid (3 h ago)": the workstation's wall time, as the tables
 * show times, with its zone named so it reads the same on any desk. Main runs on the
 * workstation (the app, or browser mode on loopback), so its zone is the operator's.
 */
export function describeMoment(iso: string, now: Date, zone = workstationZone()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const text = `${wallTime(at, zone)} ${zone}`;
  const seconds = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 1000));
  const age =
    seconds < 3600
      ? `${Math.floor(seconds / 60)} min ago`
      : seconds < 172_800
        ? `${Math.floor(seconds / 3600)} h ago`
        : `${Math.floor(seconds / 86_400)} d ago`;
  return `${text} (${age})`;
}

function workstationZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "2026-11-21 10:00" in that zone, 24-hour. */
function wallTime(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((piece) => piece.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * The troubleshooting flow of the Sessions spec as one line: online → look upstream of the
 * NAS; offline → when and why the last session ended; never seen → the CPE's username, or
 * the account state when that is what keeps the subscriber out.
 */
export function diagnose(input: {
  online: OnlineSession[];
  limit: SessionLimit;
  account: AccountState;
  history: SessionRow[];
  now: Date;
}): Diagnosis {
  const { online, limit, account, history, now } = input;
  const blocked =
    account.state === 'deactivated'
      ? `account is deactivated (${account.reason})`
      : account.state === 'expired'
        ? `account has expired (${account.reason})`
        : null;
  if (online.length > 0) {
    const count = online.length === 1 ? 'one session' : `${online.length} sessions`;
    if (blocked) {
      return {
        tone: 'warning',
        text: `Online on ${count} although the ${blocked}: disconnect to make it take effect.`,
      };
    }
    if (limit.over) {
      return {
        tone: 'warning',
        text:
          `Online on ${count}, over the Simultaneous-Use limit of ${limit.limit}` +
          (limit.stale > 0 ? ` (${limit.stale} stale: disconnect those first).` : '.'),
      };
    }
    if (limit.stale === online.length) {
      return {
        tone: 'warning',
        text:
          `Online only on ${online.length === 1 ? 'a stale session' : `${count}, all stale`}: ` +
          'no interim update for over an hour, so the NAS has probably lost it and the ' +
          'subscriber may be offline. Disconnect it: if the NAS has no such session, Close in radacct ends the ghost. Then check the CPE.',
      };
    }
    const stale =
      limit.stale === 0
        ? ''
        : ` ${limit.stale} of them ${limit.stale === 1 ? 'looks' : 'look'} stale (no interim update).`;
    return {
      tone: 'ok',
      text: `Online on ${count}: link is up, look upstream of the NAS.${stale}`,
    };
  }
  const last = history.find((session) => session[F.stopTime] !== null);
  const ended = last
    ? `last session ended ${describeMoment(last[F.stopTime] ?? '', now)}: ` +
      terminateCauseWords(last[F.terminateCause])
    : null;
  if (blocked) {
    const text = `Offline: the ${blocked}.`;
    return { tone: 'danger', text: ended ? `${text} The ${ended}.` : text };
  }
  if (ended) return { tone: 'warning', text: `Offline: ${ended}.` };
  return { tone: 'danger', text: 'No session on record: check the username on the CPE.' };
}
