// The bridge contract: every method main serves, its input schema and its output type.
// Main validates with these schemas, the preload exposes exactly these names, and the
// renderer's api module is typed by them; a method without a handler does not compile.
import { z } from 'zod';
import {
  apiTokenDraftSchema,
  apiTokenIdSchema,
  type ApiTokenSummary,
  type CreatedApiToken,
} from './api-tokens';
import {
  bulkSelectionInputSchema,
  disconnectSessionInputSchema,
  runIdSchema,
  type BulkPreview,
  type DisconnectOutcome,
  type DisconnectRun,
  type DisconnectRunReport,
  type NasTestReport,
} from './disconnect';
import {
  exportCountInputSchema,
  exportIdSchema,
  exportStartInputSchema,
  type ExportCount,
  type ExportProgress,
} from './export';
import { savedFilterInputSchema, settingsSchema, type SavedFilter, type Settings } from './filters';
import { tableLayoutSchema, type TableLayout } from './table-layout';
import type { DatabaseHealth } from './database-health';
import {
  auditListInputSchema,
  auditRunsInputSchema,
  nasAccessDraftSchema,
  nasIpSchema,
  type AuditEntry,
  type AuditRun,
  type NasAccessSummary,
} from './nas-access';
import {
  acknowledgeDropInputSchema,
  dropThresholdsSchema,
  historyInputSchema,
  nasHealthInputSchema,
  type DropAlert,
  type DropThresholds,
  type NasHealthDetail,
  type NasHealthOverview,
  type OnlineHistory,
} from './nas-health';
import {
  profileDraftSchema,
  profileIdSchema,
  type ConnectionReport,
  type ConnectionState,
  type ProfileSummary,
} from './profiles';
import {
  sessionListInputSchema,
  type NasEntry,
  type SessionPage,
  type SessionStats,
} from './sessions';
import { reconcileIdSchema, reconcileStartSchema, type Reconciliation } from './reconcile';
import {
  cleanupSettingsInputSchema,
  closeGhostInputSchema,
  confirmNasInputSchema,
  type CleanupSettings,
  type GhostCloseOutcome,
  type SweepPreview,
  type SweeperStatus,
  type SweepSummary,
} from './stale';
import {
  pingInputSchema,
  subscriberDetailInputSchema,
  subscriberSuggestInputSchema,
  whoHadInputSchema,
  type PingReport,
  type SubscriberDetail,
  type SubscriberSuggestion,
  type TracerouteView,
  type WhoHadResult,
} from './subscribers';

export * from './api-tokens';
export * from './bridge';
export * from './csv-format';
export * from './database-health';
export * from './disconnect';
export * from './errors';
export * from './export';
export * from './filters';
export * from './ipv6-address';
export * from './nas-access';
export * from './operator';
export * from './nas-health';
export * from './permissions';
export * from './profiles';
export * from './radacct-id';
export * from './sessions';
export * from './stale';
export * from './reconcile';
export * from './subscribers';
export * from './table-layout';

interface Method<I extends z.ZodType, O> {
  input: I;
  /** Type-level only: what the handler resolves to. */
  output: O;
}

function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input, output: undefined as O });
}

const none = z.strictObject({});
const byId = z.strictObject({ id: profileIdSchema });

export const contract = {
  'profiles.list': method<ProfileSummary[]>()(none),
  'profiles.save': method<ProfileSummary>()(profileDraftSchema),
  'profiles.delete': method<null>()(byId),
  'profiles.test': method<ConnectionReport>()(profileDraftSchema),
  'profiles.connect': method<ConnectionState>()(byId),
  'connection.status': method<ConnectionState>()(none),
  'sessions.list': method<SessionPage>()(sessionListInputSchema),
  'sessions.stats': method<SessionStats>()(none),
  'nas.list': method<NasEntry[]>()(none),
  /** CREATE INDEX statements for the DBA; Session Desk never runs them itself. */
  'database.recommendedIndexes': method<string[]>()(none),
  /** The recommended indexes (present, missing) and radacct's size and upkeep; reads only. */
  'database.health': method<DatabaseHealth>()(none),
  'filters.list': method<SavedFilter[]>()(none),
  'filters.save': method<SavedFilter>()(savedFilterInputSchema),
  'filters.delete': method<null>()(z.strictObject({ id: z.int().positive() })),
  'settings.get': method<Settings>()(none),
  'settings.set': method<Settings>()(settingsSchema),
  /** The Sessions table's columns and density, per profile; null: never chosen. */
  'tableLayout.get': method<TableLayout | null>()(none),
  'tableLayout.set': method<TableLayout>()(tableLayoutSchema),
  'nasAccess.list': method<NasAccessSummary[]>()(none),
  'nasAccess.save': method<NasAccessSummary>()(nasAccessDraftSchema),
  'nasAccess.delete': method<null>()(z.strictObject({ nasIp: nasIpSchema })),
  /** Whether the API login and the CoA port of one NAS answer, with what is stored now. */
  'nasAccess.test': method<NasTestReport>()(z.strictObject({ nasIp: nasIpSchema })),
  /** One session: waits for the NAS and then for radacct's Accounting-Stop. */
  'nas.disconnect': method<DisconnectOutcome>()(disconnectSessionInputSchema),
  /** How many open sessions a bulk run would take, for the confirmation. */
  'disconnect.preview': method<BulkPreview>()(bulkSelectionInputSchema),
  /** Starts a bulk run and returns at once; `disconnect.progress` follows it. */
  'disconnect.start': method<DisconnectRun>()(bulkSelectionInputSchema),
  /** Stops sending new requests; requests already sent finish. */
  'disconnect.cancel': method<DisconnectRun>()(runIdSchema),
  'disconnect.report': method<DisconnectRunReport>()(runIdSchema),
  /** A new run over the sessions that failed in this one. */
  'disconnect.retryFailed': method<DisconnectRun>()(runIdSchema),
  /** Newest first, for the active profile; optionally one run's, one result's or one NAS's. */
  'audit.list': method<AuditEntry[]>()(auditListInputSchema),
  /** The bulk runs of the active profile, newest first, for the audit log's run filter. */
  'audit.runs': method<AuditRun[]>()(auditRunsInputSchema),
  /** How many rows "Export all" would write, and whether that is within its limit. */
  'export.count': method<ExportCount>()(exportCountInputSchema),
  /** Asks where to save, then writes in the background; `export.progress` follows it. */
  'export.start': method<ExportProgress>()(exportStartInputSchema),
  /** Stops writing and deletes the partial file. */
  'export.cancel': method<ExportProgress>()(exportIdSchema),
  'export.status': method<ExportProgress>()(exportIdSchema),
  /** The stat row with every known NAS, sparklines, "was N", and the drops of the last 24 h. */
  'health.overview': method<NasHealthOverview>()(none),
  /** Online sessions over 24 h or 7 d, in total and per NAS, from radacct. */
  'health.history': method<OnlineHistory>()(historyInputSchema),
  /** One NAS: online, stale, terminate causes of the last hour and day, last Accounting-On. */
  'health.nas': method<NasHealthDetail>()(nasHealthInputSchema),
  /** Acknowledges a drop alert (audited); it stays acknowledged for this profile. */
  'health.acknowledge': method<DropAlert>()(acknowledgeDropInputSchema),
  'health.setThresholds': method<DropThresholds>()(dropThresholdsSchema),
  /** One subscriber: online sessions, limit, account state, history; NOT_FOUND outside scope. */
  'subscribers.detail': method<SubscriberDetail>()(subscriberDetailInputSchema),
  /** Usernames (and full names) containing the text, for Find subscriber; a handful. */
  'subscribers.suggest': method<SubscriberSuggestion[]>()(subscriberSuggestInputSchema),
  /** Who held an IP or MAC address at a moment. */
  'subscribers.whoHad': method<WhoHadResult>()(whoHadInputSchema),
  /** Pings one open session's framed IP from this workstation. */
  'subscribers.ping': method<PingReport>()(pingInputSchema),
  /** Starts a traceroute of an online session's framed IP; hops follow in events. */
  'subscribers.traceroute': method<TracerouteView>()(pingInputSchema),
  /** The Automation API's tokens of the active profile, newest first, revoked ones included. */
  'apiTokens.list': method<ApiTokenSummary[]>()(none),
  /** A new token for the active profile; its secret is in this answer and nowhere else. */
  'apiTokens.create': method<CreatedApiToken>()(apiTokenDraftSchema),
  /** From now on the token gets 401; it stays listed as revoked. */
  'apiTokens.revoke': method<ApiTokenSummary>()(apiTokenIdSchema),
  /** The profile's stale threshold and sweeper switch, who runs the sweeper, its last sweep. */
  'cleanup.status': method<SweeperStatus>()(none),
  /** Saves the threshold and the switch (audited); a new threshold reopens the database. */
  'cleanup.saveSettings': method<CleanupSettings>()(cleanupSettingsInputSchema),
  /** What a sweep would close now, per NAS; writes nothing. */
  'cleanup.preview': method<SweepPreview>()(none),
  /** Sweeps now under the one-runner lock; CONFLICT when another workstation holds it. */
  'cleanup.sweepNow': method<SweepSummary>()(none),
  /** Lets the sweeper close a NAS the silence guard holds (audited). */
  'cleanup.confirmNas': method<null>()(confirmNasInputSchema),
  /** "Close in radacct": one session the NAS says it does not have (audited). */
  'cleanup.closeGhost': method<GhostCloseOutcome>()(closeGhostInputSchema),
  /** Router vs radacct, one NAS or all: a background job; `reconcile.progress` follows it. */
  'reconcile.start': method<Reconciliation>()(reconcileStartSchema),
  'reconcile.report': method<Reconciliation>()(reconcileIdSchema),
  'reconcile.cancel': method<Reconciliation>()(reconcileIdSchema),
  /** Closes the ghosts a finished reconciliation listed (each audited). */
  'reconcile.closeGhosts': method<GhostCloseOutcome[]>()(reconcileIdSchema),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const methodNames = Object.keys(contract) as MethodName[];

/** What the renderer sends (defaults may be left out). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives after validation. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>>;
};

/** The IPC channel a method travels on. */
export const channelOf = (method: MethodName): string => `session-desk:${method}`;

/** What main pushes unasked, by event name. */
export interface Events {
  /** A bulk run moved on (throttled), and once more when it ends. */
  'disconnect.progress': DisconnectRun;
  /** An export moved on (throttled), and once more when it ends. */
  'export.progress': ExportProgress;
  /** A traceroute got a hop, and once more when it ends. */
  'traceroute.progress': TracerouteView;
  /** A reconciliation read one more NAS (throttled), and once more when it ends. */
  'reconcile.progress': Reconciliation;
}
export type EventName = keyof Events;
export const eventNames: EventName[] = [
  'disconnect.progress',
  'export.progress',
  'traceroute.progress',
  'reconcile.progress',
];

/** The IPC channel an event travels on. */
export const eventChannelOf = (event: EventName): string => `session-desk-event:${event}`;
