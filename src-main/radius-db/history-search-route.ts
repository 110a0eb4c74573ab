import type { MatchCount, SessionListInput } from '@contract';

// A history search's first try (list-sessions.ts): walk the newest sessions in start-time
// order and keep the matches, beside its count; when that was not enough, read the matches
// through the indexes and sort them.

/**
 * How many of the newest sessions a history search walks before it asks the indexes: at
 * 10M rows a walk costs about 2.7 µs a session, so a search whose matches are not among
 * the newest 40,000 has lost about 100 ms, and one whose are (an address pool's fragment,
 * a common name: 0.3% of sessions fill a 100-row page within 35,000) is answered in that.
 */
export const historyWalkWindow = 40_000;

export function isHistorySearch(input: SessionListInput): boolean {
  const { status, search } = input.filter;
  return status !== 'online' && status !== 'stale' && search.trim() !== '';
}

/**
 * Whether the walk found the page: it filled it (the matches among the newest sessions are
 * the newest matches), or, on a first page, it found every match the count saw.
 */
export function walkAnswered(
  walked: { raw: unknown[][] },
  input: SessionListInput,
  matches: MatchCount,
): boolean {
  if (walked.raw.length > input.pageSize) return true;
  return input.cursor === null && matches.kind === 'exact' && walked.raw.length === matches.count;
}
