// Where the Sessions page reads its rows: the live database through main, or an export
// file opened offline. The page asks the same question of either.
import {
  minHistorySearchLength,
  type Result,
  type SessionFilter,
  type SessionListInput,
  type SessionPage,
} from '@contract';
import { request } from '../request';
import { clock } from './clock.svelte';

export interface SessionSource {
  /** One page of sessions; the cursor is the source's own (keyset live, an offset offline). */
  list(input: SessionListInput): Promise<Result<SessionPage>>;
  /** Why no query is sent for this filter (the operator must type more), or null. */
  searchHint(filter: SessionFilter): string | null;
}

export const liveSessionSource: SessionSource = {
  async list(input) {
    const result = await request('sessions.list', input);
    if (result.ok) clock.sync(result.data.readAt);
    return result;
  },
  // History search needs 3+ characters: shorter patterns have no trigrams and scan it all.
  searchHint(filter) {
    const length = filter.search.length;
    if (
      filter.status === 'online' ||
      filter.status === 'stale' ||
      length === 0 ||
      length >= minHistorySearchLength
    )
      return null;
    return `Type at least ${minHistorySearchLength} characters to search history.`;
  },
};
