import { z } from 'zod';
import { disconnectResults } from './disconnect';
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
 * follow the profile password: null keeps the stored one, '' clears it, text replaces it.
 * They go in once and never come back.
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
}

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
  };
}

/** acknowledge-drop: an operator acknowledged a NAS drop alert (nasIp; no session). */
export const auditActions = ['disconnect', 'bulk-disconnect', 'acknowledge-drop'] as const;
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
});
export type AuditListInput = z.output<typeof auditListInputSchema>;
