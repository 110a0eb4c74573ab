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
export function serverLabel(profile: Pick<DbProfile, 'host' | 'port'>): string {
  return profile.host.includes(':')
    ? `[${profile.host}]:${profile.port}`
    : `${profile.host}:${profile.port}`;
}
