import type { SessionCursor, SessionSort } from '@contract';
import type { SortKey } from './session-sql';
import type { SqlParams } from './sql-params';

// Keyset paging: ORDER BY the sort key with NULLs last in both directions and radacctid as
// the tie-breaker in the same direction; the next page starts strictly after the cursor.

export function orderBySql(key: SortKey, sort: SessionSort): string {
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${key.sql} ${direction} NULLS LAST, r.radacctid ${direction}`;
}

/** Rows that come after the cursor in that order. */
export function afterCursorSql(
  key: SortKey,
  sort: SessionSort,
  cursor: SessionCursor,
  params: SqlParams,
): string {
  const beyond = sort.direction === 'asc' ? '>' : '<';
  const id = params.add(cursor.id, 'bigint');
  if (cursor.value === null) {
    // The cursor is already among the NULLs, which come last: only later NULLs remain.
    return `(${key.sql} IS NULL AND r.radacctid ${beyond} ${id})`;
  }
  const value = params.add(cursor.value, key.type);
  // A row comparison keeps the index usable; NULL keys (all after any value) are added back.
  const later = `(${key.sql}, r.radacctid) ${beyond} (${value}, ${id})`;
  return key.nullable ? `(${later} OR ${key.sql} IS NULL)` : later;
}
