import type { ApiError } from './errors';
import { z } from 'zod';
import type { OperatorIdentity } from './operator';
import { operatorText, requiredText } from './text';

export const sslModes = ['disable', 'prefer', 'require', 'verify-full'] as const;
export type SslMode = (typeof sslModes)[number];

export const profileIdSchema = z.int({ error: 'Profile id must be a whole number.' }).positive();

const portSchema = (label: string) =>
  z
    .int({ error: `${label} must be a whole number.` })
    .min(1, { error: `${label} must be between 1 and 65535.` })
    .max(65535, { error: `${label} must be between 1 and 65535.` });

const profileFields = {
  name: requiredText('Profile name', 80),
  host: requiredText('Host', 255),
  port: portSchema('Port'),
  database: requiredText('Database', 63),
  user: requiredText('User', 63),
  sslMode: z.enum(sslModes),
  /**
   * When host is a read-only hot standby: the primary that closing sessions (the sweeper,
   * Close in radacct) writes to, with the same database, user, password and SSL mode.
   * null or blank: none. primaryPort null: the same port as the standby's.
   */
  primaryHost: operatorText('Primary host', 255)
    .transform((value) => value.trim() || null)
    .nullable()
    .default(null),
  primaryPort: portSchema('Primary port').nullable().default(null),
};

/**
 * A profile as the operator edits it. password: null keeps the stored one (only while the
 * host, port, user and SSL mode stay as they were: see samePasswordDestination); a string
 * replaces it ('' clears it). The password goes in once and never comes back.
 */
export const profileDraftSchema = z.strictObject({
  id: profileIdSchema.nullable(),
  ...profileFields,
  password: operatorText('Password', 1024).nullable(),
});
export type ProfileDraft = z.output<typeof profileDraftSchema>;

export interface ProfileSummary {
  id: number;
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: SslMode;
  primaryHost: string | null;
  primaryPort: number | null;
  passwordSet: boolean;
}

/**
 * Where a profile's stored password goes: one server (and its primary for writes), as one
 * user, over one TLS mode. A draft that changes any of these without typing the password
 * again clears it, so no edit (and nobody holding the bridge) can send the stored password
 * somewhere new.
 */
export type PasswordDestination = Pick<
  ProfileSummary,
  'host' | 'port' | 'user' | 'sslMode' | 'primaryHost' | 'primaryPort'
>;

export function samePasswordDestination(
  stored: PasswordDestination,
  draft: PasswordDestination,
): boolean {
  return (
    stored.host === draft.host &&
    stored.port === draft.port &&
    stored.user === draft.user &&
    stored.sslMode === draft.sslMode &&
    stored.primaryHost === draft.primaryHost &&
    (stored.primaryHost === null || stored.primaryPort === draft.primaryPort)
  );
}

/** What schema detection found, in the words the UI shows. */
export interface SchemaSummary {
  /** subscribers / services / resellers exist: full names, services and reseller scope work. */
  panelTables: boolean;
  /** Where NAS names come from. */
  nasSource: 'nas_devices' | 'nas' | 'radacct';
  /** How radacct stores addresses: inet (stock) or text. */
  addressType: 'inet' | 'text';
  /** How radacct stores the WAN and delegated IPv6 prefixes; null: a schema without them. */
  ipv6Type: 'inet' | 'text' | null;
  /**
   * radacct is declaratively partitioned (by start time): reads are the same, but an index
   * cannot be built CONCURRENTLY on the partitioned parent.
   */
  radacctPartitioned: boolean;
}

/**
 * Where the profile's database stands in replication, read at connect. A hot standby
 * (pg_is_in_recovery) answers every read; the few writes (closing lost sessions, the
 * sweeper's lock) go to `writesTo`, the primary's "host:port", and are refused with words
 * when the profile names none.
 */
export type DatabaseRole = { kind: 'primary' } | { kind: 'standby'; writesTo: string | null };

export interface ConnectionReport {
  serverVersion: string;
  role: DatabaseRole;
  schema: SchemaSummary;
  /** Who the profile's role is to Session Desk, as it would be once connected. */
  operator: OperatorIdentity;
  /** Online sessions this operator would see; null when it may see none here. */
  online: number | null;
}

/**
 * none: no profile chosen. connected: the database answered and its schema is known.
 * lost: a profile is chosen but its database does not answer right now; main retries on
 * every call, so the page shows a banner and recovers by itself.
 */
export type ConnectionState =
  | { kind: 'none' }
  | {
      kind: 'connected';
      profileId: number;
      profileName: string;
      schema: SchemaSummary;
      /** Read at connect; a change to the operators table shows after reconnecting. */
      operator: OperatorIdentity;
      role: DatabaseRole;
    }
  | { kind: 'lost'; profileId: number; profileName: string; error: ApiError };
