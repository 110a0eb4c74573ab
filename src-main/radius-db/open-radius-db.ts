import type pg from 'pg';
import type { HistoryCoverage, SessionStats } from '@contract';
import type { OperatorScope } from '../operator-scope';
import type { DbErrorContext } from './db-errors';
import { createDbPool, type PoolSettings } from './db-pool';
import {
  defaultApplicationName,
  defaultConnectTimeoutMs,
  defaultStatementTimeoutMs,
  type DbProfile,
  type RadiusDbOptions,
  type ServerAddress,
} from './db-profile';
import { closeLostSessions } from './cleanup/close-lost-sessions';
import { readStaleByNas } from './cleanup/stale-by-nas';
import { sweeperRunner, takeSweeperLock } from './cleanup/sweeper-lock';
import { countMatching } from './count-matching';
import { createDbQueries, type DbQueries } from './db-queries';
import { detectSchema } from './detect-schema';
import type { DetectedSchema } from './detected-schema';
import { readStopsInWindows } from './health/drop-details';
import { readHistoryCoverage } from './health/history-coverage';
import { readNasHealthDetail } from './health/nas-health-detail';
import { readOnlineEvents } from './health/online-events';
import { listNas } from './list-nas';
import { listSessions } from './list-sessions';
import { nasSecrets } from './nas-secrets';
import type { RadiusDb, StatsOptions } from './radius-db';
import { countOnline, sessionStats } from './session-stats';
import { StaleCounts } from './stale-counts';
import { buildSessionSql } from './session-sql';
import { onlineSessionsOf, resellerTreeContains, subscriberUsername } from './online-sessions-of';
import {
  countSessionsToDisconnect,
  openSessionsWithAcctSessionId,
  sessionStops,
  sessionsToDisconnect,
  sessionToDisconnect,
} from './sessions-to-disconnect';
import { streamSessions } from './stream-sessions';
import { copySessionsCsv } from './copy-sessions-csv';
import { readDatabaseHealth } from './database-health';
import { subscriberDetail } from './subscriber-detail';
import { whoHadAddress } from './who-had-address';
import { subscriberSuggestions } from './subscriber-suggestions';
import { OperatorError } from '../operator-error';
import { operatorAccess, type OperatorAccess } from '../operator-access';
import { readOperator } from './read-operator';
import { readInRecovery } from './standby';
import { createWrites } from './write-target';

/**
 * Connects, detects the schema and returns the database the Sessions page reads. Throws an
 * OperatorError (DB_UNREACHABLE, DB_AUTH_FAILED, DB_NOT_FOUND, NOT_FREERADIUS, …) when the
 * profile does not lead to a FreeRADIUS database.
 */
export async function openRadiusDb(
  profile: DbProfile,
  options: RadiusDbOptions = {},
): Promise<RadiusDb> {
  const statementTimeoutMs = options.statementTimeoutMs ?? defaultStatementTimeoutMs;
  if (!Number.isInteger(statementTimeoutMs) || statementTimeoutMs < 1) {
    throw new OperatorError(
      'INVALID_INPUT',
      'The statement timeout must be a positive number of milliseconds.',
    );
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  const settings: Omit<PoolSettings, 'tls'> = {
    statementTimeoutMs,
    connectTimeoutMs,
    applicationName: options.applicationName ?? defaultApplicationName,
  };
  const context: DbErrorContext = { profile, statementTimeoutMs, connectTimeoutMs };
  const opened =
    profile.sslMode === 'prefer'
      ? await connectPreferringTls(profile, settings, context)
      : await connect(profile, { ...settings, tls: tlsFor(profile) }, context);
  return radiusDb(opened, context, options.staleAfterSeconds, profile.primary ?? null);
}

interface Opened {
  pool: pg.Pool;
  db: DbQueries;
  schema: DetectedSchema;
  serverVersion: string;
  operator: OperatorAccess;
  /** A hot standby: reads only. */
  inRecovery: boolean;
  /** What the pool was opened with, so a primary for writes is reached the same way. */
  settings: PoolSettings;
}

async function connect(
  profile: DbProfile,
  settings: PoolSettings,
  context: DbErrorContext,
): Promise<Opened> {
  const pool = createDbPool(profile, settings);
  const db = createDbQueries(pool, context);
  try {
    const [version] = await db.objects<{ server_version: string }>(
      "SELECT current_setting('server_version') AS server_version",
      [],
    );
    const schema = await detectSchema(db, profile);
    // "15.19 (Debian 15.19-0+deb12u1)" → "PostgreSQL 15.19"
    const serverVersion = `PostgreSQL ${version?.server_version.split(' ')[0] ?? 'unknown'}`;
    const operator = operatorAccess(await readOperator(db, schema));
    const inRecovery = await readInRecovery(db);
    return { pool, db, schema, serverVersion, operator, inRecovery, settings };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}

/** libpq's "prefer": TLS when the server offers it, plain otherwise. */
async function connectPreferringTls(
  profile: DbProfile,
  settings: Omit<PoolSettings, 'tls'>,
  context: DbErrorContext,
): Promise<Opened> {
  try {
    return await connect(profile, { ...settings, tls: 'unverified' }, context);
  } catch (error) {
    if (!(error instanceof OperatorError && error.reason === 'tls-not-offered')) throw error;
    return connect(profile, { ...settings, tls: 'off' }, context);
  }
}

function tlsFor(profile: DbProfile): PoolSettings['tls'] {
  if (profile.sslMode === 'disable') return 'off';
  return profile.sslMode === 'verify-full' ? 'verified' : 'unverified';
}

function radiusDb(
  { pool, db, schema, serverVersion, operator, inRecovery, settings }: Opened,
  context: DbErrorContext,
  staleAfterSeconds: number | undefined,
  primary: ServerAddress | null,
): RadiusDb {
  const sql = buildSessionSql(schema, staleAfterSeconds);
  const writes = createWrites({ db, pool, context }, inRecovery, primary, settings);
  let closing: Promise<void> | null = null;
  // Read once per open: a DBA adding the stop-time index is seen at the next connect.
  let coverage: Promise<HistoryCoverage> | null = null;
  const historyCoverage = () => {
    coverage ??= readHistoryCoverage(db).catch((error: unknown) => {
      coverage = null;
      throw error;
    });
    return coverage;
  };
  // The stat row and the whole online list's count are one read when asked together (one
  // refresh asks both at once): the per-NAS counts sum to the total.
  const statsInFlight = new Map<string, Promise<SessionStats>>();
  const staleCounts = new StaleCounts();
  const stats = (scope: OperatorScope, options: StatsOptions = {}): Promise<SessionStats> => {
    const key = JSON.stringify(scope);
    const known = statsInFlight.get(key);
    if (known && !options.countStale) return known;
    const earlier = options.countStale ? null : staleCounts.recent(key);
    const begun = staleCounts.begin();
    const reading = sessionStats(db, schema, sql, scope, earlier)
      .then((read) => {
        if (!earlier) staleCounts.remember(key, read, begun);
        return read;
      })
      .finally(() => {
        if (statsInFlight.get(key) === reading) statsInFlight.delete(key);
      });
    statsInFlight.set(key, reading);
    return reading;
  };
  // The pills leave out a NAS address that is no IP (a text column) or none: count those.
  const nasColumn = schema.radacct.get('nasipaddress');
  const onlineTotal = sql.nasIpType === 'inet' && nasColumn?.nullable === false ? stats : undefined;
  return {
    summary: schema.summary,
    serverVersion,
    operator,
    role: writes.role,
    listSessions: (input, scope) => listSessions(db, schema, sql, input, scope, onlineTotal),
    stats,
    listNas: (scope) => listNas(db, schema, sql, scope),
    nasSecrets: () => nasSecrets(db, schema.nasSecrets),
    countOnline: (scope) => countOnline(db, schema, scope),
    countMatching: (filter, scope, bound) => countMatching(db, schema, sql, filter, scope, bound),
    streamSessions: (query, scope, sink, signal) =>
      streamSessions(pool, context, schema, sql, query, scope, sink, signal),
    copySessionsCsv: (query, scope, exportedAt, sink, signal) =>
      copySessionsCsv(pool, context, schema, sql, query, scope, exportedAt, sink, signal),
    sessionToDisconnect: (radacctId, scope) =>
      sessionToDisconnect(db, schema, sql, radacctId, scope),
    openSessionsWithAcctSessionId: (acctSessionId, scope, limit) =>
      openSessionsWithAcctSessionId(db, schema, sql, acctSessionId, scope, limit),
    countSessionsToDisconnect: (selection, scope) =>
      countSessionsToDisconnect(db, schema, sql, selection, scope),
    sessionsToDisconnect: (selection, scope, limit) =>
      sessionsToDisconnect(db, schema, sql, selection, scope, limit),
    sessionStops: (radacctIds) => sessionStops(db, sql, radacctIds),
    subscriberDetail: (username, scope) => subscriberDetail(db, schema, sql, username, scope),
    subscriberSuggestions: (text, scope) => subscriberSuggestions(db, schema, text, scope),
    subscriberUsername: (userId, scope) => subscriberUsername(db, schema, userId, scope),
    onlineSessionsOf: (username, scope) => onlineSessionsOf(db, schema, sql, username, scope),
    resellerTreeContains: (rootId, resellerId) => resellerTreeContains(db, rootId, resellerId),
    whoHad: (input, scope) => whoHadAddress(db, schema, sql, input, scope),
    historyCoverage,
    onlineEvents: async (window, scope) =>
      readOnlineEvents(db, schema, sql, scope, await historyCoverage(), window),
    stopsInWindows: async (windows, scope) =>
      readStopsInWindows(db, schema, sql, scope, await historyCoverage(), windows),
    nasHealth: async (nasIp, scope) => {
      const known = await historyCoverage();
      return {
        ...(await readNasHealthDetail(db, schema, sql, scope, known, nasIp)),
        coverage: known,
      };
    },
    databaseHealth: () => readDatabaseHealth(db, schema),
    staleAfterSeconds: sql.stale.staleAfterSeconds,
    staleByNas: (scope, sample) => readStaleByNas(db, schema, sql, scope, sample),
    closeLostSessions: (radacctIds, scope, onlyStale) =>
      writes
        .run((primary) => closeLostSessions(primary.db, schema, sql, scope, radacctIds, onlyStale))
        // Whatever was closed no longer counts as stale: the next stat row counts again.
        .finally(() => staleCounts.forget()),
    checkWrites: async () => {
      if (writes.role.kind === 'standby' && writes.possible) await writes.run(async () => {});
    },
    takeSweeperLock: () => writes.run((primary) => takeSweeperLock(primary.pool, primary.context)),
    // The lock lives on the primary; a standby-only profile has no sweeper to name.
    sweeperRunner: async () =>
      writes.possible
        ? writes.run((primary) => sweeperRunner(primary.pool, primary.context))
        : null,
    close: () => (closing ??= Promise.all([pool.end(), writes.close()]).then(() => undefined)),
  };
}
