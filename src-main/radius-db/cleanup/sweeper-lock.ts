import pg from 'pg';
import { toOperatorError, type DbErrorContext } from '../db-errors';

/**
 * The one-runner rule: a session-level PostgreSQL advisory lock on the FreeRADIUS database
 * (advisory locks belong to one database), held on a connection of its own for as long as
 * this workstation sweeps. Whichever workstation takes it first sweeps; the others see who.
 */
const lockKey = [0x53455344, 0x0001] as const; // "SESD", the sweeper

/** The runner's label: pg_stat_activity's application_name, at most 63 bytes. */
const labelPrefix = 'Session Desk sweeper ';

export interface SweeperLock {
  /** Tells the other workstations who sweeps and when it last did (application_name). */
  label(text: string): Promise<void>;
  release(): Promise<void>;
}

/**
 * The lock, or null when another connection holds it. Taken on a connection of its own,
 * outside the pool, so closing the profile's pool never waits for it.
 */
export async function takeSweeperLock(
  pool: pg.Pool,
  context: DbErrorContext,
): Promise<SweeperLock | null> {
  const client = new pg.Client(pool.options);
  // A dropped lock connection must not crash the process: the next tick takes it again.
  client.on('error', () => void release());
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    // Ending the connection ends the lock with it, even when the unlock cannot be sent.
    await client.end().catch(() => undefined);
  };
  try {
    await client.connect();
  } catch (error) {
    await release();
    throw toOperatorError(error, context);
  }
  try {
    const result = await client.query<{ taken: boolean }>(
      'SELECT pg_try_advisory_lock($1::int4, $2::int4) AS taken',
      [...lockKey],
    );
    if (!result.rows[0]?.taken) {
      await release();
      return null;
    }
  } catch (error) {
    await release();
    throw toOperatorError(error, context);
  }
  return {
    async label(text) {
      if (released) return;
      await client
        .query("SELECT set_config('application_name', $1, false)", [
          truncateUtf8(`${labelPrefix}${text}`, 63),
        ])
        .catch((error: unknown) => {
          throw toOperatorError(error, context);
        });
    },
    release,
  };
}

/** Who holds the lock, as its application_name says; null when nobody does. */
export async function sweeperRunner(
  pool: pg.Pool,
  context: DbErrorContext,
): Promise<{ label: string | null } | null> {
  try {
    const result = await pool.query<{ label: string | null }>(
      `SELECT a.application_name AS label
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
               SELECT oid FROM pg_database WHERE datname = current_database())
         AND l.classid = $1::int4::oid AND l.objid = $2::int4::oid AND l.objsubid = 2
       LIMIT 1`,
      [...lockKey],
    );
    const row = result.rows[0];
    if (!row) return null;
    const label = row.label?.startsWith(labelPrefix) ? row.label.slice(labelPrefix.length) : null;
    return { label };
  } catch (error) {
    throw toOperatorError(error, context);
  }
}

function truncateUtf8(text: string, bytes: number): string {
  let out = text;
  while (Buffer.byteLength(out, 'utf8') > bytes) out = out.slice(0, -1);
  return out;
}
