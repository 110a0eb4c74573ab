import { z } from 'zod';
import type { disconnectPaths } from './nas-access';
import { radacctIdSchema } from './radacct-id';
import { sessionFilterSchema } from './sessions';
import { requiredText } from './text';

/**
 * 'auto' is the spec's order (RouterOS API, then CoA); one path alone is the "try the other
 * path" offer after a NAS acknowledged but the session stayed open.
 */
export const disconnectVias = ['auto', 'routeros-api', 'coa'] as const;
export type DisconnectVia = (typeof disconnectVias)[number];

export type DisconnectPath = (typeof disconnectPaths)[number];

export const disconnectSessionInputSchema = z.strictObject({
  radacctId: radacctIdSchema,
  via: z.enum(disconnectVias, { error: 'Path must be auto, routeros-api or coa.' }).default('auto'),
});

/** What one path did, in words. */
export interface DisconnectAttemptSummary {
  path: DisconnectPath;
  outcome: 'ok' | 'skipped' | 'failed';
  detail: string;
}

export const disconnectResults = ['done', 'still-online', 'failed', 'cancelled'] as const;
export type DisconnectResult = (typeof disconnectResults)[number];

/** One session's disconnect, as the toast and the bulk result list show it. */
export interface DisconnectOutcome {
  radacctId: string;
  username: string;
  nasIp: string;
  result: DisconnectResult;
  /** The path that answered; null when none did. */
  path: DisconnectPath | null;
  /** One line for the operator: which path worked, or why it failed. */
  message: string;
  attempts: DisconnectAttemptSummary[];
}

/** The most sessions one bulk run may take; past it, the NAS console is the right tool. */
export const maxBulkSessions = 10_000;

/** Which open sessions a bulk run disconnects. Only sessions still open are ever taken. */
export const bulkSelectionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('sessions'),
      radacctIds: z
        .array(radacctIdSchema)
        .min(1, { error: 'Select at least one session.' })
        .max(maxBulkSessions, {
          error: `A bulk disconnect takes at most ${maxBulkSessions.toLocaleString('en')} sessions.`,
        }),
    }),
    /** "All N matching this filter": the filter as the Sessions page holds it. */
    z.strictObject({ kind: z.literal('filter'), filter: sessionFilterSchema }),
    /** Disconnect All for one subscriber. */
    z.strictObject({ kind: z.literal('user'), username: requiredText('Username', 253) }),
  ],
  { error: 'Choose sessions, a filter or a username to disconnect.' },
);
export type BulkSelection = z.output<typeof bulkSelectionSchema>;

export const bulkSelectionInputSchema = z.strictObject({ selection: bulkSelectionSchema });

/** What a confirmation dialog shows before a run starts. */
export interface BulkPreview {
  /** Open sessions the run would take now. */
  count: number;
  /** How many NAS they are on. */
  nasCount: number;
  /** Words for the dialog, e.g. "online sessions on NAS 10.0.0.1". */
  description: string;
}

export const runIdSchema = z.strictObject({
  runId: z
    .int({ error: 'Run id must be a number.' })
    .positive({ error: 'Run id must be a number.' }),
});

/**
 * running: requests going out; cancelling: no new ones, sent ones finishing; confirming:
 * every NAS has answered, radacct is watched for the Accounting-Stops; then finished or
 * cancelled.
 */
export const runStates = ['running', 'cancelling', 'confirming', 'finished', 'cancelled'] as const;
export type RunState = (typeof runStates)[number];

/** A bulk run as its progress bar shows it; pushed as `disconnect.progress`. */
export interface DisconnectRun {
  runId: number;
  description: string;
  state: RunState;
  total: number;
  done: number;
  stillOnline: number;
  failed: number;
  cancelled: number;
  /** Not yet answered (sent or waiting). */
  pending: number;
  /** Acknowledged by the NAS, Accounting-Stop not yet seen (counted in done). */
  unconfirmed: number;
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string | null;
}

/** A run with every session's outcome so far, in the order they finished. */
export interface DisconnectRunReport extends DisconnectRun {
  outcomes: DisconnectOutcome[];
}

/**
 * The certificate an API-SSL service presented, and why it was (not) trusted: 'pinned'
 * matches the fingerprint stored for the NAS, 'ca' is signed by a CA this workstation
 * trusts, 'untrusted' is neither (a pin that no longer matches included).
 */
export interface PresentedCertificate {
  /** SHA-256, AA:BB:… */
  fingerprint: string;
  /** e.g. CN=bng-west; '' when the certificate names no subject. */
  subject: string;
  trusted: 'pinned' | 'ca' | 'untrusted';
}

/** What "Test NAS" found: whether the API login and the CoA port answer. */
export interface NasTestReport {
  nasIp: string;
  api: {
    outcome: 'ok' | 'skipped' | 'failed';
    detail: string;
    /** With API-SSL, the certificate the NAS presented; null without TLS or a handshake. */
    certificate: PresentedCertificate | null;
  };
  coa: { outcome: 'ok' | 'skipped' | 'failed'; detail: string };
}
