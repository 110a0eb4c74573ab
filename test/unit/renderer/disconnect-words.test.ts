import type { DisconnectOutcome, DisconnectRun } from '@contract';
import { describe, expect, it } from 'vitest';
import {
  outcomeDetail,
  outcomeHeadline,
  runStateText,
} from '../../../src-renderer/src/lib/disconnect-words';

const run = (overrides: Partial<DisconnectRun>): DisconnectRun => ({
  runId: 7,
  description: 'online sessions on NAS bng-east (127.0.10.7)',
  state: 'running',
  total: 200,
  done: 0,
  stillOnline: 0,
  failed: 0,
  cancelled: 0,
  pending: 200,
  unconfirmed: 0,
  sessionsOpen: 0,
  answered: 0,
  sent: 0,
  notices: [],
  startedAt: '2026-11-21T10:00:00Z',
  finishedAt: null,
  ...overrides,
});

const outcome = (overrides: Partial<DisconnectOutcome>): DisconnectOutcome => ({
  radacctId: '1',
  username: 'alice@fiber',
  nasIp: '127.0.10.7',
  nasName: 'bng-east',
  result: 'done',
  path: 'routeros-api',
  message:
    'Disconnected alice@fiber on bng-east (127.0.10.7) via RouterOS API (Accounting-Stop at 10:00:03).',
  attempts: [],
  stoppedAt: '2026-11-21T10:00:03Z',
  sessionOpen: false,
  sent: true,
  answered: true,
  ghost: false,
  ...overrides,
});

describe('the bulk dialog’s state line', () => {
  it('says how many the NAS answered before Cancel, not a percentage of nothing', () => {
    // Was "Answered 100%" for a run cancelled with 188 of its 200 sessions never sent.
    const cancelled = run({
      state: 'cancelled',
      cancelled: 188,
      failed: 12,
      pending: 0,
      sent: 12,
      answered: 3,
    });
    expect(runStateText(cancelled)).toBe(
      'Cancelled: the NAS answered 3 of 200 sessions before Cancel; 188 were not sent',
    );
  });

  it('counts what has settled while running', () => {
    expect(
      runStateText(run({ done: 30, failed: 10, unconfirmed: 8, pending: 152, answered: 45 })),
    ).toBe('Disconnecting… 40 of 200 sessions settled; the NAS answered 45 so far');
  });
});

describe('a toast about one session', () => {
  it('says where and when radacct saw an acknowledged disconnect end, without repeating the headline', () => {
    const done = outcome({});
    expect(outcomeHeadline(done)).toBe('Disconnected alice@fiber via RouterOS API');
    expect(outcomeDetail(done)).toMatch(
      /^On bng-east \(127\.0\.10\.7\); Accounting-Stop at \d\d:\d\d:\d\d\.$/,
    );
  });

  it('gives main’s reason when the NAS never acknowledged', () => {
    const lost = outcome({
      path: null,
      message:
        'Disconnected alice@fiber on bng-east (127.0.10.7) (NAS reply lost or late; Accounting-Stop at 10:00:03).',
    });
    expect(outcomeHeadline(lost)).toBe('Disconnected alice@fiber');
    expect(outcomeDetail(lost)).toBe(lost.message);
  });
});
