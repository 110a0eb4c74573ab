import { z } from 'zod';
import { disconnectResults } from './disconnect';
import type { UserType } from './operator';
import { operatorText, requiredText } from './text';

/** RouterOS API ports: 8728 plain, 8729 API-SSL. */
export const defaultApiPort = 8728;
/** RFC 5176's CoA / Disconnect-Request port. */
export const defaultCoaPort = 3799;

function portOf(label: string) {
  return z
    .int({ error: `${label} must be a whole number.` })
    .min(1, { error: `${label} must be between 1 and 65535.` })
    .max(65535, { error: `${label} must be between 1 and 65535.` });
}

export const nasIpSchema = requiredText('NAS address', 100);

/**
 * A certificate's SHA-256 (or '') as the operator may paste it: 64 hex digits, with or without
 * colons (RouterOS's /certificate print detail shows them bare). Stored and shown as
 * upper-case colon-separated pairs, the way TLS tools print it.
 */
export const certificateFingerprintSchema = z
  .string({ error: 'The certificate fingerprint must be text.' })
  .trim()
  // '' is let through: the draft uses it to forget a pin.
  .refine((typed) => typed === '' || /^[0-9a-f]{64}$/i.test(typed.replaceAll(':', '')), {
    error:
      'The certificate fingerprint must be a SHA-256: 64 hex digits, colons allowed ' +
      '(as /certificate print detail shows it on the router).',
  })
  .transform((typed) => (typed === '' ? '' : normaliseFingerprint(typed)));

/** AA:BB:…: upper case, a colon between each byte. */
export function normaliseFingerprint(typed: string): string {
  const hex = typed.replaceAll(':', '').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/**
 * How Session Desk reaches one NAS, as the operator edits it. apiPassword and coaSecret
 * follow the profile password: null keeps the stored one (only while its destination stays:
 * see sameApiPasswordDestination), '' clears it, text replaces it. They go in once and
 * never come back.
 */
export const nasAccessDraftSchema = z.strictObject({
  nasIp: nasIpSchema,
  apiUser: operatorText('API user', 100).nullable(),
  apiPassword: operatorText('API password', 1024).nullable(),
  apiPort: portOf('API port').default(defaultApiPort),
  /** API-SSL, usually on 8729. */
  apiTls: z.boolean({ error: 'API TLS must be on or off.' }).default(false),
  coaPort: portOf('CoA port').default(defaultCoaPort),
  coaSecret: operatorText('CoA secret', 1024).nullable(),
  /**
   * The API-SSL certificate to trust, SSH-style. Like the secrets: null keeps the pinned
   * one, '' forgets it, a fingerprint pins that certificate.
   */
  apiTlsFingerprint: certificateFingerprintSchema.nullable().default(null),
  /**
   * Refuse Disconnect-ACK/NAK replies that carry no Message-Authenticator (RFC 3579 §3.2):
   * for a NAS known to sign its replies, so a forged unsigned reply is never believed.
   */
  requireMessageAuthenticator: z
    .boolean({ error: 'Require Message-Authenticator must be on or off.' })
    .default(false),
});
export type NasAccessDraft = z.output<typeof nasAccessDraftSchema>;

/** What the renderer sees of a NAS's credentials: whether secrets are set, never what they are. */
export interface NasAccessSummary {
  nasIp: string;
  apiUser: string | null;
  apiPort: number;
  apiTls: boolean;
  /**
   * The pinned SHA-256 of the NAS's API-SSL certificate (AA:BB:…), not a secret; null: the
   * certificate must be signed by a CA this workstation trusts.
   */
  apiTlsFingerprint: string | null;
  coaPort: number;
  apiPasswordSet: boolean;
  coaSecretSet: boolean;
  /** No CoA secret is stored here, but FreeRADIUS's nas table has one: it will be used. */
  coaSecretFromRadius: boolean;
  /** Replies without a Message-Authenticator are refused. */
  requireMessageAuthenticator: boolean;
}

/**
 * Where a NAS's stored API password goes: one API user, on one port, in the clear or over
 * TLS trusting one certificate. A draft that changes any of these without typing the
 * password again clears it; the CoA secret likewise follows its CoA port. So no edit (and
 * nobody holding the bridge) can send a stored secret to a listener of their choosing.
 */
export type ApiPasswordDestination = Pick<
  NasAccessSummary,
  'apiUser' | 'apiPort' | 'apiTls' | 'apiTlsFingerprint'
>;

export function sameApiPasswordDestination(
  stored: ApiPasswordDestination,
  draft: ApiPasswordDestination,
): boolean {
  return (
    stored.apiUser === draft.apiUser &&
    stored.apiPort === draft.apiPort &&
    stored.apiTls === draft.apiTls &&
    stored.apiTlsFingerprint === draft.apiTlsFingerprint
  );
}

export const sameCoaSecretDestination = (
  stored: Pick<NasAccessSummary, 'coaPort'>,
  draft: Pick<NasAccessSummary, 'coaPort'>,
): boolean => stored.coaPort === draft.coaPort;

/** A NAS nothing is stored for: the RouterOS and RFC 5176 default ports, no login, no TLS. */
export function unconfiguredNas(nasIp: string): NasAccessSummary {
  return {
    nasIp,
    apiUser: null,
    apiPort: defaultApiPort,
    apiTls: false,
    apiTlsFingerprint: null,
    coaPort: defaultCoaPort,
    apiPasswordSet: false,
    coaSecretSet: false,
    coaSecretFromRadius: false,
    requireMessageAuthenticator: false,
  };
}

/** acknowledge-drop: an operator acknowledged a NAS drop alert (nasIp; no session). */
export const auditActions = [
  'disconnect',
  'bulk-disconnect',
  'acknowledge-drop',
  // Writes to radacct under sessions.cleanup (README, "Stale sessions").
  'sweep-close',
  'ghost-close',
  'sweeper-setting',
  'confirm-silent-nas',
] as const;
export const disconnectPaths = ['routeros-api', 'coa'] as const;
export const auditResults = disconnectResults;

/** One line of the local audit log: who disconnected which session, how, and with what result. */
export interface AuditEntry {
  id: number;
  /** ISO 8601. */
  at: string;
  osUser: string;
  dbRole: string | null;
  action: (typeof auditActions)[number];
  username: string;
  nasIp: string;
  acctSessionId: string | null;
  radacctId: string | null;
  /** The path that answered; null when none was tried or none answered. */
  path: (typeof disconnectPaths)[number] | null;
  result: (typeof auditResults)[number];
  detail: string;
  /**
   * The operator's user type from session_desk.operators; null when the database had no
   * operators table (the role administered it), as for every entry written before operators.
   */
  userType: UserType | null;
  /** The reseller the operator is tied to, and its name when the panel had one. */
  resellerId: number | null;
  resellerName: string | null;
  /** The bulk run this disconnect belonged to; null for a single Disconnect. */
  runId: number | null;
  /** The Automation API token that asked for it, by name; null: someone at the screen. */
  apiToken: string | null;
}

/** A bulk run as the audit log's filter lists it. */
export interface AuditRun {
  runId: number;
  /** ISO 8601. */
  startedAt: string;
  description: string;
  /** Sessions the run took. */
  total: number;
}

export const auditListInputSchema = z.strictObject({
  limit: z
    .int({ error: 'Limit must be a whole number.' })
    .min(1, { error: 'Limit must be at least 1.' })
    .max(1000, { error: 'Limit is at most 1000 entries.' })
    .default(200),
  /** Older than this entry; null starts at the newest. */
  beforeId: z
    .int({ error: 'beforeId must be an audit entry id.' })
    .positive({ error: 'beforeId must be an audit entry id.' })
    .nullable()
    .default(null),
  /** Only this bulk run's entries. */
  runId: z
    .int({ error: 'The run filter must be a run number.' })
    .positive({ error: 'The run filter must be a run number.' })
    .nullable()
    .default(null),
  /** Only entries with this result. */
  result: z
    .enum(auditResults, {
      error: 'The result filter must be done, still-online, failed or cancelled.',
    })
    .nullable()
    .default(null),
  /** Only entries for this NAS. */
  nasIp: nasIpSchema.nullable().default(null),
});
export type AuditListInput = z.output<typeof auditListInputSchema>;

export const auditRunsInputSchema = z.strictObject({
  limit: z
    .int({ error: 'Limit must be a whole number.' })
    .min(1, { error: 'Limit must be at least 1.' })
    .max(500, { error: 'Limit is at most 500 runs.' })
    .default(100),
});
