import type { NasReconciliation, Reconciliation, Result } from '@contract';
import { describe, expect, it } from 'vitest';
import { reconciliationCsv } from '../reconciliation-csv';
import { ReconciliationRun } from './reconciliation.svelte';

const nas: NasReconciliation = {
  nasIp: '127.0.10.1',
  nasName: 'bng-north-1',
  error: null,
  routerSessions: 2,
  openInRadacct: 2,
  ghosts: [
    { radacctId: '7', username: '=bob', acctSessionId: '81a00002', framedIp: null, mac: null },
  ],
  unaccounted: [{ name: 'dave', address: '100.64.0.4', callerId: null, sessionId: '0x4' }],
  mismatched: [],
};

const ok = <T>(data: T): Result<T> => ({ ok: true, data });

function run(states: Reconciliation['state'][]): Reconciliation[] {
  return states.map((state, i) => ({
    id: 1,
    state,
    total: 1,
    done: i,
    nas: state === 'done' ? [nas] : [],
    startedAt: '',
    finishedAt: null,
  }));
}

describe('ReconciliationRun', () => {
  it('follows the run until it ends, then closes its ghosts', async () => {
    const reports = run(['running', 'running', 'done']);
    const asked: number[] = [];
    const page = new ReconciliationRun(
      {
        start: async () => ok(reports.shift()!),
        report: async () => ok(reports.shift()!),
        closeGhosts: async (id) => {
          asked.push(id);
          return ok([{ radacctId: '7', closed: true, stopTime: null, message: 'Closed' }]);
        },
      },
      1,
    );
    await page.start(null);
    expect(page.report?.state).toBe('done');
    expect(page.ghosts).toBe(1);
    await page.closeGhosts();
    expect(asked).toEqual([1]);
    expect(page.closed).toHaveLength(1);
  });

  it('keeps a refusal in words', async () => {
    const page = new ReconciliationRun({
      start: async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No NAS' } }),
      report: async () => ok(run(['done'])[0]!),
      closeGhosts: async () => ok([]),
    });
    await page.start('127.0.10.9');
    expect(page.error?.message).toBe('No NAS');
    expect(page.report).toBeNull();
  });

  it('writes one CSV line per finding, formula-looking names defused', () => {
    const csv = reconciliationCsv(run(['done'])[0]!).split('\r\n');
    expect(csv[0]).toMatch(/^nas_ip,nas_name,finding,username/);
    expect(csv[1]).toBe("127.0.10.1,bng-north-1,ghost,'=bob,7,81a00002,,,,,,");
    expect(csv[2]).toBe('127.0.10.1,bng-north-1,unaccounted,dave,,,,,100.64.0.4,,0x4,');
  });
});
