import type { AccountState, OnlineSession, SessionLimit, SessionRow } from '@contract';
import { describe, expect, it } from 'vitest';
import {
  describeMoment,
  diagnose,
  terminateCauseWords,
} from '../../../src-main/radius-db/subscriber-diagnosis';

const now = new Date('2026-11-21T12:00:00Z');
const active: AccountState = { state: 'active', expiration: null, reason: 'no limits' };
const row = (stop: string | null, cause: string | null = null): SessionRow => [
  '1',
  'alice',
  null,
  null,
  '127.0.10.1',
  null,
  '100.64.0.1',
  null,
  'a1',
  '2026-11-21T08:00:00Z',
  stop,
  null,
  null,
  null,
  cause,
  null,
  null,
  null,
  null,
  null,
];
const session = (stale: boolean): OnlineSession => ({
  session: row(null),
  nasPortId: null,
  nasPortType: null,
  connectInfoStart: null,
  lastHeardAt: null,
  stale,
});
const limitOf = (online: OnlineSession[], limit: number | null = null): SessionLimit => ({
  limit,
  source: limit === null ? null : 'user',
  group: null,
  open: online.length,
  stale: online.filter((entry) => entry.stale).length,
  over: limit !== null && online.length > limit,
});

describe('the diagnosis line', () => {
  it('says a subscriber online only on stale sessions may be offline', () => {
    const online = [session(true)];
    const diagnosis = diagnose({
      online,
      limit: limitOf(online),
      account: active,
      history: [],
      now,
    });
    expect(diagnosis.tone).toBe('warning');
    expect(diagnosis.text).toMatch(/^Online only on a stale session: .* may be offline/);
  });

  it('counts stale sessions beside fresh ones in the right number', () => {
    const online = [session(false), session(true)];
    const diagnosis = diagnose({
      online,
      limit: limitOf(online),
      account: active,
      history: [],
      now,
    });
    expect(diagnosis).toEqual({
      tone: 'ok',
      text: 'Online on 2 sessions: link is up, look upstream of the NAS. 1 of them looks stale (no interim update).',
    });
  });

  it('says when and why the last session ended', () => {
    const history = [row('2026-11-21T09:00:00Z', 'NAS-Reboot')];
    expect(diagnose({ online: [], limit: limitOf([]), account: active, history, now }).text).toBe(
      `Offline: last session ended ${describeMoment('2026-11-21T09:00:00Z', now)}: the NAS rebooted (NAS-Reboot).`,
    );
  });

  it('names a moment in the workstation’s wall time and zone, 24-hour, as the tables do', () => {
    expect(describeMoment('2026-11-21T09:00:00Z', now, 'UTC')).toBe(
      '2026-11-21 09:00 UTC (3 h ago)',
    );
    expect(describeMoment('2026-11-21T09:00:00Z', now, 'Europe/Madrid')).toBe(
      '2026-11-21 10:00 Europe/Madrid (3 h ago)',
    );
    expect(describeMoment('2026-11-21T01:30:00Z', now, 'America/New_York')).toBe(
      '2026-11-20 20:30 America/New_York (10 h ago)',
    );
  });

  it('keeps a cause it has no words for as it is', () => {
    expect(terminateCauseWords('Vendor-Specific-42')).toBe('Vendor-Specific-42');
    expect(terminateCauseWords(null)).toBe('no terminate cause recorded');
  });
});
