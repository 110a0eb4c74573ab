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
    const shared = withSharedReads(handlers, () => 'profile 1');
    const answers = await Promise.all([1, 2, 3].map(() => shared['sessions.list'](list)));
    expect(runs['sessions.list']).toBe(1);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  });

  it('hands nothing on once the answer came: the next refresh reads afresh', async () => {
    const { handlers, runs } = countingHandlers();
    const shared = withSharedReads(handlers, () => 'profile 1');
    await shared['sessions.stats']({} as never);
    expect(runs['sessions.stats']).toBe(1);
    await shared['sessions.stats']({} as never);
    expect(runs['sessions.stats']).toBe(2);
  });

  it('never shares across views, inputs, or past a write', async () => {
    const { handlers, runs } = countingHandlers(50);
    let view = 'profile 1';
    const shared = withSharedReads(handlers, () => view);
    const first = shared['sessions.list'](list);
    view = 'profile 2';
    const otherView = shared['sessions.list'](list);
    const otherInput = shared['sessions.list']({ ...(list as object), pageSize: 10 } as never);
    expect(runs['sessions.list']).toBe(3);
    view = 'profile 1';
    const read = shared['export.status']({} as never);
    const afterRead = shared['sessions.list'](list);
    expect(runs['sessions.list']).toBe(3);
    const write = shared['nas.disconnect']({} as never);
    const afterWrite = shared['sessions.list'](list);
    expect(runs['sessions.list']).toBe(4);
    await Promise.all([first, otherView, otherInput, read, afterRead, write, afterWrite]);
  });

  it('does not keep a failure for the next viewer', async () => {
    const { handlers, runs } = countingHandlers();
    const shared = withSharedReads(handlers, () => 'profile 1');
    const failing = { fail: true } as never;
    await expect(shared['sessions.list'](failing)).rejects.toThrow('refused');
    await expect(shared['sessions.list'](failing)).rejects.toThrow('refused');
    expect(runs['sessions.list']).toBe(2);
  });
});
