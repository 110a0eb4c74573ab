import type pg from 'pg';
import type { DatabaseRole } from '@contract';
import { OperatorError } from '../operator-error';
import type { DbErrorContext } from './db-errors';
import { createDbPool, type PoolSettings } from './db-pool';
import { serverLabel, type ServerAddress } from './db-profile';
import { createDbQueries, type DbQueries } from './db-queries';
import { isReadOnlyRefusal, readInRecovery, standbyWriteRefused } from './standby';

/** A server Session Desk may write radacct on, as the write paths need it. */
export interface WriteTarget {
  db: DbQueries;
  pool: pg.Pool;
  context: DbErrorContext;
}

/**
 * Where the few writes go (closing lost sessions, the sweeper's advisory lock). A primary
 * takes them itself. A hot standby hands them to the profile's primary for writes, opened on
 * the first write only (a primary that is down must not keep the standby's reads from the
 * operator); without one, every write is refused in words before anything is sent.
 */
export interface Writes {
  readonly role: DatabaseRole;
  /** Whether any server here takes writes (and so can hold the sweeper's lock). */
  readonly possible: boolean;
  /** Runs a write on the primary; a read-only refusal comes back as DB_READ_ONLY in words. */
  run<T>(write: (target: WriteTarget) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createWrites(
  reads: WriteTarget,
  inRecovery: boolean,
  primary: ServerAddress | null,
  settings: PoolSettings,
): Writes {
  const server = serverLabel(reads.context.profile);
  if (!inRecovery) {
    return {
      role: { kind: 'primary' },
      possible: true,
      // Demoted since the open (a failover): PostgreSQL's refusal still comes back in words.
      run: (write) => refusedInWords(write(reads), server, null),
      close: async () => {},
    };
  }
  if (primary === null) {
    return {
      role: { kind: 'standby', writesTo: null },
      possible: false,
      run: () => Promise.reject(standbyWriteRefused(server, null)),
      close: async () => {},
    };
  }
  const primaryLabel = serverLabel(primary);
  let opening: Promise<WriteTarget> | null = null;
  const target = (): Promise<WriteTarget> => {
    opening ??= openPrimary(reads.context, primary, settings).catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };
  return {
    role: { kind: 'standby', writesTo: primaryLabel },
    possible: true,
    run: async (write) =>
      refusedInWords(write(await target().catch(primaryUnreachable)), server, primaryLabel).catch(
        primaryUnreachable,
      ),
    close: async () => {
      const opened = opening;
      opening = null;
      await opened?.then(({ pool }) => pool.end()).catch(() => undefined);
    },
  };
}

async function openPrimary(
  readsContext: DbErrorContext,
  primary: ServerAddress,
  settings: PoolSettings,
): Promise<WriteTarget> {
  // Same database, user, password and TLS as the standby: a replica of it has the same roles.
  const profile = { ...readsContext.profile, host: primary.host, port: primary.port };
  const context = { ...readsContext, profile };
  const pool = createDbPool(profile, settings);
  const db = createDbQueries(pool, context);
  try {
    if (await readInRecovery(db)) {
      throw standbyWriteRefused(serverLabel(readsContext.profile), serverLabel(primary));
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return { db, pool, context };
}

/**
 * The primary for writes is down: the standby still answers, so this must not turn the
 * connection to "lost" (ActiveDatabase looks at the reason); the message already names the
 * primary's address.
 */
function primaryUnreachable(error: unknown): never {
  if (error instanceof OperatorError && error.code === 'DB_UNREACHABLE') {
    throw new OperatorError(
      'DB_UNREACHABLE',
      `${error.message} (the primary for writes: reading from the standby goes on; nothing ` +
        'was changed).',
      error.details,
      'primary-unreachable',
    );
  }
  throw error;
}

async function refusedInWords<T>(
  writing: Promise<T>,
  server: string,
  primary: string | null,
): Promise<T> {
  try {
    return await writing;
  } catch (error) {
    if (isReadOnlyRefusal(error)) throw standbyWriteRefused(server, primary);
    throw error;
  }
}
