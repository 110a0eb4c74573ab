import type { SslMode } from '@contract';

/** Where and as whom to reach the FreeRADIUS database: a connection profile, unsealed. */
export interface DbProfile {
  host: string;
  port: number;
  database: string;
  user: string;
  /** null: connect without a password (trust or peer auth on the server). */
  password: string | null;
  sslMode: SslMode;
  /**
   * When host:port is a read-only hot standby: the primary the few writes go to (closing
   * lost sessions, the sweeper's lock), with the same database, user, password and SSL mode.
   * Absent or null: everything goes to host:port.
   */
  primary?: ServerAddress | null;
}

export interface ServerAddress {
  host: string;
  port: number;
}

export interface RadiusDbOptions {
  /** Server-side limit on every statement; default 5000 ms. */
  statementTimeoutMs?: number;
  /** Client-side limit on opening a connection; default 10000 ms. */
  connectTimeoutMs?: number;
  /** Shown in pg_stat_activity, so a DBA can tell Session Desk's queries apart. */
  applicationName?: string;
  /** The profile's stale threshold (stale.ts); default 30 minutes. */
  staleAfterSeconds?: number;
}

export const defaultStatementTimeoutMs = 5000;
export const defaultConnectTimeoutMs = 10_000;
export const defaultApplicationName = 'Session Desk';

/** "host:port" as an operator would type it in a profile. */
export function serverLabel(profile: ServerAddress): string {
  return profile.host.includes(':')
    ? `[${profile.host}]:${profile.port}`
    : `${profile.host}:${profile.port}`;
}
