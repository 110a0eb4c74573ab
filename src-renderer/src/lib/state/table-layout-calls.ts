// The table layout's calls over the bridge (kept apart so the state class's tests need no transport).
import { request } from '../request';
import type { TableLayoutCalls } from './table-layout.svelte';

export const liveTableLayoutCalls: TableLayoutCalls = {
  get: () => request('tableLayout.get', {}),
  set: (layout) => request('tableLayout.set', layout),
};
