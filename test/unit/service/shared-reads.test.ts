import type { Handlers } from '@contract';
import { describe, expect, it } from 'vitest';
import { withSharedReads } from '../../../src-main/service/shared-reads';

/** Handlers that count how often each method really ran, each answering after `delayMs`. */
function countingHandlers(delayMs = 5) {
  const runs: Record<string, number> = {};
  const handlers = new Proxy(
    {},
    {
      get: (_target, method: string) => async (input: unknown) => {
        runs[method] = (runs[method] ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if ((input as { fail?: boolean } | undefined)?.fail) throw new Error('refused');
        return { method, run: runs[method] };
      },
      ownKeys: () => ['sessions.list', 'sessions.stats', 'nas.disconnect', 'export.status'],
      getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
    },
  ) as unknown as Handlers;
  return { handlers, runs };
}

const list = { filter: { search: '', status: 'online', nasIp: null } } as never;

describe('shared refresh reads', () => {
  it('answers viewers asking the same at once with one read', async () => {
    const { handlers, runs } = countingHandlers();
    const shared = withSharedReads(handlers, () => 'profile 1', 0);
    const answers = await Promise.all([1, 2, 3].map(() => shared['sessions.list'](list)));
    expect(runs['sessions.list']).toBe(1);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  });

  it('hands an answer on within the window, and reads afresh after it', async () => {
    const { handlers, runs } = countingHandlers();
    const shared = withSharedReads(handlers, () => 'profile 1', 50);
    await shared['sessions.stats']({} as never);
    await shared['sessions.stats']({} as never);
    expect(runs['sessions.stats']).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await shared['sessions.stats']({} as never);
    expect(runs['sessions.stats']).toBe(2);
  });

  it('never shares across views, inputs, or past a write', async () => {
    const { handlers, runs } = countingHandlers();
    let view = 'profile 1';
    const shared = withSharedReads(handlers, () => view, 10_000);
    await shared['sessions.list'](list);
    view = 'profile 2';
    await shared['sessions.list'](list);
    await shared['sessions.list']({ ...(list as object), pageSize: 10 } as never);
    expect(runs['sessions.list']).toBe(3);
    await shared['export.status']({} as never);
    await shared['sessions.list'](list);
    expect(runs['sessions.list']).toBe(3);
    await shared['nas.disconnect']({} as never);
    await shared['sessions.list'](list);
    expect(runs['sessions.list']).toBe(4);
  });

  it('does not keep a failure for the next viewer', async () => {
    const { handlers, runs } = countingHandlers();
    const shared = withSharedReads(handlers, () => 'profile 1', 10_000);
    const failing = { fail: true } as never;
    await expect(shared['sessions.list'](failing)).rejects.toThrow('refused');
    await expect(shared['sessions.list'](failing)).rejects.toThrow('refused');
    expect(runs['sessions.list']).toBe(2);
  });
});
