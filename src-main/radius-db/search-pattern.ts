import { minHistorySearchLength, type SessionStatus } from '@contract';
import { OperatorError } from '../operator-error';

/**
 * The ILIKE pattern for what the operator typed: a case-insensitive substring in which
 * %, _ and \ match themselves. null when there is nothing to search for.
 */
export function searchPattern(search: string, status: SessionStatus): string | null {
  const text = search.trim();
  if (text.length === 0) return null;
  if (status !== 'online' && status !== 'stale' && [...text].length < minHistorySearchLength) {
    throw new OperatorError(
      'INVALID_INPUT',
      `Type at least ${minHistorySearchLength} characters to search history (offline or all ` +
        'sessions): shorter text matches most of the history and cannot use its indexes. ' +
        'Online sessions can be searched with any length.',
      { minLength: minHistorySearchLength },
    );
  }
  return `%${text.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
}
