import { OperatorError } from '../operator-error';
import type { DbQueries } from './db-queries';

/** Whether the server is a hot standby (in recovery): it answers reads and refuses writes. */
export async function readInRecovery(db: DbQueries): Promise<boolean> {
  const [row] = await db.arrays('SELECT pg_is_in_recovery()', []);
  return row?.[0] === true || row?.[0] === 't';
}

/**
 * Two columns for a statement that already reads the clock: in recovery, and how far the
 * replayed data is behind the primary in seconds. A standby that has replayed all it received
 * is caught up (0) even when the primary has been idle since its last commit; the replay
 * timestamp alone would call an idle primary "lag". NULL when the standby cannot tell
 * (nothing replayed since it started).
 */
export const standbyLagColumns = `pg_is_in_recovery(),
  CASE WHEN NOT pg_is_in_recovery() THEN NULL
       WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE extract(epoch FROM statement_timestamp() - pg_last_xact_replay_timestamp())::float8
  END`;

/** The two columns above as SessionStats.standby. */
export function standbyLag(
  inRecovery: unknown,
  lagSeconds: unknown,
): { lagSeconds: number | null } | null {
  if (inRecovery !== true && inRecovery !== 't') return null;
  if (lagSeconds === null || lagSeconds === undefined) return { lagSeconds: null };
  const seconds = Number(lagSeconds);
  // A replay timestamp a little ahead of this clock (clock skew) is no lag, not a negative one.
  return { lagSeconds: Number.isFinite(seconds) ? Math.max(0, seconds) : null };
}

/** PostgreSQL's SQLSTATE for a write in a read-only transaction (a standby, or a demoted one). */
export const readOnlySqlState = '25006';

export function isReadOnlyRefusal(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as { code: unknown }).code === readOnlySqlState
  );
}

/**
 * What a write on a standby says, instead of PostgreSQL's "cannot execute UPDATE in a
 * read-only transaction". `primary`: the profile's primary that turned out to be read-only
 * too (a failover moved it), or null when the profile names none.
 */
export function standbyWriteRefused(server: string, primary: string | null): OperatorError {
  const message =
    primary === null
      ? `The database at ${server} is a read-only standby: closing sessions needs the primary. ` +
        "Add the primary's address (primary for writes) in the profile; nothing was changed."
      : `The primary for writes at ${primary} is read-only too (a standby, or demoted by a ` +
        "failover): closing sessions needs the current primary. Correct the primary's address " +
        'in the profile; nothing was changed.';
  return new OperatorError(
    'DB_READ_ONLY',
    message,
    { server: primary ?? server },
    'standby-read-only',
  );
}
