// The traceroute's calls over the bridge (kept apart so the state class's tests need no transport).
import { listen } from '../api';
import { request } from '../request';
import type { TracerouteCalls } from './traceroute-run.svelte';

export const liveTracerouteCalls: TracerouteCalls = {
  start: (radacctId) => request('subscribers.traceroute', { radacctId }),
  listen: (onProgress) => listen('traceroute.progress', onProgress),
};
