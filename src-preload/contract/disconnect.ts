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

/** What one path did, in words. ok: the NAS acknowledged; cancelled: stopped by Cancel. */
export interface DisconnectAttemptSummary {
  path: DisconnectPath;
  outcome: 'ok' | 'skipped' | 'failed' | 'cancelled';
  detail: string;
}

export const disconnectResults = ['done', 'still-online', 'failed', 'cancelled'] as const;
export type DisconnectResult = (typeof disconnectResults)[number];

/**
 * One session's disconnect, as the toast, the bulk result list, Retry and the audit log all
 * read it. The result is what radacct said once the paths had run: done when the session
 * has its Accounting-Stop (whatever the NAS replied), still-online when the NAS acknowledged
 * but the session stayed open, failed when nothing worked and it stayed open, cancelled
 * when Cancel came before it could finish.
 */
export interface DisconnectOutcome {
  radacctId: string;
  username: string;
  nasIp: string;
  /** The NAS's name in the NAS directory; null when it has none. */
  nasName: string | null;
  result: DisconnectResult;
  /** The path the NAS acknowledged; null when none did. */
  path: DisconnectPath | null;
  /** One line for the operator: what happened, and radacct's word on it. */
  message: string;
  attempts: DisconnectAttemptSummary[];
  /** The session's Accounting-Stop time (ISO 8601) when radacct has one. */
  stoppedAt: string | null;
  /** Whether radacct still showed the session open; null when it could not be read. */
  sessionOpen: boolean | null;
  /** Whether a disconnect request (API remove, Disconnect-Request) was sent. */
  sent: boolean;
  /** Whether the NAS answered about this session on any path. */
  answered: boolean;
  /**
   * The NAS said it has no such session (RouterOS found none, CoA NAK 503) and radacct still
   * shows it open: a ghost, which "Close in radacct" (cleanup.closeGhost) ends there.
   */
  ghost: boolean;
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

/**
 * A bulk run as its progress bar shows it; pushed as `disconnect.progress`. Every count is
 * derived from the sessions' outcomes (done + stillOnline + failed + cancelled + unconfirmed
 * + pending = total), never kept by hand.
 */
export interface DisconnectRun {
  /** Durable: the audit log groups the run's entries under it. */
  runId: number;
  description: string;
  state: RunState;
  total: number;
  done: number;
  /** Acknowledged by the NAS, but radacct still shows the session open. */
  stillOnline: number;
  failed: number;
  cancelled: number;
  /** Not finished: waiting to be sent, or waiting for the NAS. */
  pending: number;
  /** The paths have run; radacct is being watched for the Accounting-Stop. */
  unconfirmed: number;
  /** Sessions with an outcome that radacct showed still open (whatever the result). */
  sessionsOpen: number;
  /** Sessions with an outcome whose NAS answered on some path. */
  answered: number;
  /** Sessions with an outcome for which a disconnect request was sent. */
  sent: number;
  /**
   * Paths the run gave up on for a NAS, once each, e.g. "RouterOS API on bng-east
   * (127.0.10.7): login refused earlier in this run: …; its other sessions skip it."
   */
  notices: string[];
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
