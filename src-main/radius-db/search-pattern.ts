import { minHistorySearchLength, type SessionStatus } from '@contract';
import { OperatorError } from '../operator-error';

/**
 * What the operator typed, trimmed, or null when there is nothing to search for. History
 * needs a few characters: shorter text matches most of it and no index narrows it.
 */
export function searchedText(search: string, status: SessionStatus): string | null {
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
  return text;
}

/** An ILIKE pattern for text anywhere in a value: %, _ and \ match themselves. */
export function substringPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
}

/** The ILIKE pattern for what the operator typed; null when there is nothing to search for. */
export function searchPattern(search: string, status: SessionStatus): string | null {
  const text = searchedText(search, status);
  return text === null ? null : substringPattern(text);
}
