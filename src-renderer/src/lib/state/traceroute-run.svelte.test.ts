import type { Result, TracerouteView } from '@contract';
import { describe, expect, it } from 'vitest';
import { TracerouteRun, type TracerouteCalls } from './traceroute-run.svelte';

const view = (
  traceId: number,
  hops: number,
  state: TracerouteView['state'] = 'running',
): TracerouteView => ({
  traceId,
  framedIp: '100.64.1.5',
  target: '127.0.0.1',
  hops: Array.from({ length: hops }, (_, i) => ({
    hop: i + 1,
    address: `10.0.0.${i + 1}`,
    rttMs: 1,
  })),
  state,
  failure: null,
});

/** Main as a test drives it: start answers with `answer`; push() plays an event. */
function withMain(answer: Result<TracerouteView>, beforeAnswer: TracerouteView[] = []) {
  let hear: (view: TracerouteView) => void = () => undefined;
  const calls: TracerouteCalls = {
    start: async () => {
      beforeAnswer.forEach((early) => hear(early));
      return answer;
    },
    listen: (onProgress) => {
      hear = onProgress;
      return () => (hear = () => undefined);
    },
  };
  const run = new TracerouteRun(calls);
  run.connect();
  return { run, push: (pushed: TracerouteView) => hear(pushed) };
}

const session = { radacctId: '41', username: 'ana@isp.example', framedIp: '100.64.1.5' };

describe('TracerouteRun', () => {
  it('shows the hops of its own trace as they arrive, and its end', async () => {
    const { run, push } = withMain({ ok: true, data: view(3, 0) });
    await run.start(session);
    push(view(3, 1));
    push(view(9, 5));
    expect(run.view?.hops).toHaveLength(1);
    push(view(3, 2));
    push(view(3, 2, 'done'));
    expect(run.view?.state).toBe('done');
    expect(run.view?.hops).toHaveLength(2);
  });

  it('keeps hops heard before the start was answered, and never steps back', async () => {
    const { run, push } = withMain({ ok: true, data: view(4, 0) }, [view(4, 2)]);
    await run.start(session);
    expect(run.view?.hops).toHaveLength(2);
    push(view(4, 1));
    expect(run.view?.hops).toHaveLength(2);
  });

  it('says why a trace could not start, and forgets everything on close', async () => {
    const { run } = withMain({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'ana’s session has ended.' },
    });
    await run.start(session);
    expect(run.error?.message).toContain('ended');
    run.close();
    expect(run.subject).toBeNull();
    expect(run.error).toBeNull();
  });
});
