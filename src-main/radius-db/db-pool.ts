import pg from 'pg';
import type { DbProfile } from './db-profile';
import { rawTypeParsers } from './raw-type-parsers';

export interface PoolSettings {
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  applicationName: string;
  /** Whether to ask for TLS; 'prefer' is resolved by the caller into one of these. */
  tls: 'off' | 'unverified' | 'verified';
}

/** Connections per opened database: a page, a count and a stat row at once, and one spare. */
export const maxConnections = 4;

/**
 * What every connection of the pool sets first (the bench's psql floor sets the same, so it
 * measures the statements as the app runs them). SET rather than startup options:
 * pg_settings.reset_val then still holds the server's own TimeZone, which schema detection
 * needs to read "timestamp without time zone".
 */
export const sessionSettings: readonly string[] = [
  // Raw timestamps all read "+00", so they turn into ISO strings without parsing. The stat
  // row's count of 150k online sessions is an index-only scan of ~11 ms; the default
  // parallel setup cost (1000) makes the planner start two workers for it, which takes
  // ~40 ms on a small server. Ten times that keeps workers for what they pay off on (a
  // history scan of millions of rows); a DBA's higher value is kept.
  "SELECT set_config('TimeZone', 'UTC', false), set_config('parallel_setup_cost', " +
    "greatest(current_setting('parallel_setup_cost')::float8, 10000)::text, false)",
  // JIT compiles for ~60 ms on these short queries and saves nothing (PostgreSQL 11+). On a
  // partitioned radacct the stat row's per-NAS count otherwise hashes every open session of
  // every partition (HashAggregate over Append: 30 ms at 150k online); aggregated partition
  // by partition, each groups from its own sorted partial index (12 ms). PostgreSQL leaves
  // it off for the planning time it costs with hundreds of partitions; radacct's are monthly.
  "SELECT set_config('jit', 'off', false), set_config('enable_partitionwise_aggregate', 'on', false) " +
    "WHERE current_setting('server_version_num')::int >= 110000",
];

/**
 * A small pool per opened database: the Sessions page runs at most a page, a count and a
 * stat row at once. Every session gets the statement timeout and TimeZone = UTC, so raw
 * timestamps all read "+00" and can be turned into ISO strings without parsing.
 */
export function createDbPool(profile: DbProfile, settings: PoolSettings): pg.Pool {
  const pool = new pg.Pool({
    host: profile.host,
    port: profile.port,
    database: profile.database,
    user: profile.user,
    ...(profile.password === null ? {} : { password: profile.password }),
    ssl: tlsOption(profile, settings.tls),
    application_name: settings.applicationName,
    statement_timeout: settings.statementTimeoutMs,
    // A socket that goes silent mid-query (NAS-side firewall drop, VPN down) would otherwise
    // wait forever: the server's statement timeout never reaches us.
    query_timeout: settings.statementTimeoutMs + 5000,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    keepAlive: true,
    max: maxConnections,
    idleTimeoutMillis: 60_000,
    types: rawTypeParsers,
    onConnect: async (client) => {
      for (const statement of sessionSettings) await client.query(statement);
    },
  });
  // An idle connection the server drops is removed by the pool; the next query reconnects
  // or reports the failure to its caller. Without a listener the error would crash main.
  pool.on('error', () => {});
  return pool;
}

function tlsOption(profile: DbProfile, tls: PoolSettings['tls']): pg.PoolConfig['ssl'] {
  if (tls === 'off') return false;
  if (tls === 'unverified') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, servername: profile.host };
}
