// Pings of online sessions' framed IPs, by radacct id: each shows inline on its own row.
import type { ApiError, PingReport } from '@contract';
import { SvelteMap } from 'svelte/reactivity';
import { request } from '../request';

export type PingState =
  { kind: 'pinging' } | { kind: 'done'; report: PingReport } | { kind: 'failed'; error: ApiError };

export class FramedIpPings {
  readonly bySession = new SvelteMap<string, PingState>();

  async ping(radacctId: string): Promise<void> {
    if (this.bySession.get(radacctId)?.kind === 'pinging') return;
    this.bySession.set(radacctId, { kind: 'pinging' });
    const result = await request('subscribers.ping', { radacctId });
    this.bySession.set(
      radacctId,
      result.ok ? { kind: 'done', report: result.data } : { kind: 'failed', error: result.error },
    );
  }
}
