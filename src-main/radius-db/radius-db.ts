import type {
  BulkSelection,
  DatabaseHealth,
  DatabaseRole,
  HistoryCoverage,
  NasHealthDetail,
  NasEntry,
  OnlineSession,
  SchemaSummary,
  SessionFilter,
  SessionListInput,
  SessionPage,
  SessionStats,
  SubscriberDetail,
  SubscriberSuggestion,
  WhoHadResult,
} from '@contract';
import type { OperatorAccess } from '../operator-access';
import type { OperatorScope } from '../operator-scope';
import type { ClosedSession } from './cleanup/close-lost-sessions';
import type { StaleOnNas } from './cleanup/stale-by-nas';
import type { SweeperLock } from './cleanup/sweeper-lock';
import type { StopsInWindow, StopWindow } from './health/drop-details';
import type { OnlineEvents } from './health/online-events';
import type { SessionPageQuery } from './session-page-sql';
import type { SessionToDisconnect } from './sessions-to-disconnect';
import type { SessionBatchSink } from './stream-sessions';
import type { CsvLinesSink } from './copy-sessions-csv';

export interface StatsOptions {
  /** Count stale sessions now, not pass an earlier count on. */
  countStale?: boolean;
}

/** An opened FreeRADIUS database: every read the Sessions page makes, under a scope. */
export interface RadiusDb {
  readonly summary: SchemaSummary;
  /** e.g. "PostgreSQL 15.19". */
  readonly serverVersion: string;
  /** The connected role as session_desk.operators describes it, read once at open. */
  readonly operator: OperatorAccess;
  /** Primary, or hot standby and where its writes go; read once at open. */
  readonly role: DatabaseRole;
  listSessions(input: SessionListInput, scope: OperatorScope): Promise<SessionPage>;
  /**
   * The stat row. Its stale count is passed on from an earlier read for up to a minute
   * (stale-counts.ts) unless `countStale` asks for a fresh one.
   */
  stats(scope: OperatorScope, options?: StatsOptions): Promise<SessionStats>;
  /** The NAS dropdown; under a reseller scope only the NAS its online sessions are on. */
  listNas(scope: OperatorScope): Promise<NasEntry[]>;
  /** CoA shared secrets by NAS address, from FreeRADIUS's nas table; empty without one. */
  nasSecrets(): Promise<Map<string, string>>;
  countOnline(scope: OperatorScope): Promise<number>;
  /** Sessions a filter matches, exact up to `bound` (and past it unless that times out). */
  countMatching(
    filter: SessionFilter,
    scope: OperatorScope,
    bound: number,
  ): Promise<{ count: number; exact: boolean }>;
  /** A query's sessions through a server-side cursor, batch by batch; resolves to the count. */
  streamSessions(
    query: SessionPageQuery,
    scope: OperatorScope,
    sink: SessionBatchSink,
    signal: AbortSignal,
  ): Promise<number>;
  /**
   * A query's sessions as sessions-CSV lines written by PostgreSQL (COPY), chunk by chunk;
   * resolves to the row count. `exportedAt` fills the file's last column.
   */
  copySessionsCsv(
    query: SessionPageQuery,
    scope: OperatorScope,
    exportedAt: string,
    sink: CsvLinesSink,
    signal: AbortSignal,
  ): Promise<number>;
  /** The session behind one row, or null when it does not exist in the scope. */
  sessionToDisconnect(radacctId: string, scope: OperatorScope): Promise<SessionToDisconnect | null>;
  /** Open sessions with this Acct-Session-Id in the scope (several NAS may reuse one), at most `limit`. */
  openSessionsWithAcctSessionId(
    acctSessionId: string,
    scope: OperatorScope,
    limit: number,
  ): Promise<SessionToDisconnect[]>;
  /** Open sessions a bulk selection takes now, and on how many NAS. */
  countSessionsToDisconnect(
    selection: BulkSelection,
    scope: OperatorScope,
  ): Promise<{ count: number; nasCount: number }>;
  /** A bulk selection's open sessions, NAS by NAS, at most `limit`. */
  sessionsToDisconnect(
    selection: BulkSelection,
    scope: OperatorScope,
    limit: number,
  ): Promise<SessionToDisconnect[]>;
  /**
   * The Accounting-Stops of these sessions: stop time by radacct id for the closed ones
   * (null when the row left radacct); open sessions are not in the map.
   */
  sessionStops(radacctIds: string[]): Promise<Map<string, string | null>>;
  /** One subscriber's detail; NOT_FOUND when it does not exist or lies outside the scope. */
  subscriberDetail(username: string, scope: OperatorScope): Promise<SubscriberDetail>;
  /** Find subscriber's matches for what was typed, a handful, within the scope. */
  subscriberSuggestions(text: string, scope: OperatorScope): Promise<SubscriberSuggestion[]>;
  /** The username of panel subscriber `subscribers.id`; null: none in the scope. Panel only. */
  subscriberUsername(userId: number, scope: OperatorScope): Promise<string | null>;
  /** A subscriber's open sessions, newest first; null when the username lies outside the scope. */
  onlineSessionsOf(username: string, scope: OperatorScope): Promise<OnlineSession[] | null>;
  /** Whether a reseller is `rootId` or below it in resellers.parent_id. Panel only. */
  resellerTreeContains(rootId: number, resellerId: number): Promise<boolean>;
  /** Sessions that held an IP or MAC address at a moment. */
  whoHad(input: { address: string; at: string }, scope: OperatorScope): Promise<WhoHadResult>;
  /** Whether past online counts see every session, or those within a lookback. */
  historyCoverage(): Promise<HistoryCoverage>;
  /** Starts and Accounting-Stops per NAS and bucket over a window, and online now. */
  onlineEvents(
    window: { seconds: number; bucketSeconds: number },
    scope: OperatorScope,
  ): Promise<OnlineEvents>;
  /** What ended on each NAS within each window: causes, first and last stop, reboot batch. */
  stopsInWindows(windows: StopWindow[], scope: OperatorScope): Promise<StopsInWindow[]>;
  /** One NAS: online, stale, terminate causes, last Accounting-On. */
  nasHealth(nasIp: string, scope: OperatorScope): Promise<NasHealthDetail>;
  /** The recommended indexes as the database has them, and radacct's size and upkeep. */
  databaseHealth(): Promise<DatabaseHealth>;
  /** The stale threshold this database was opened with (the profile's). */
  readonly staleAfterSeconds: number;
  /** Open and stale sessions per NAS, with up to `sample` stale ones each (the sweeper). */
  staleByNas(scope: OperatorScope, sample: number): Promise<{ nas: StaleOnNas[]; readAt: string }>;
  /**
   * The one write to radacct (sessions.cleanup): closes these open sessions as lost, in small
   * batches, skipping rows FreeRADIUS holds; `onlyStale` keeps a row that spoke meanwhile open.
   * On the primary: a standby with no primary for writes refuses it (DB_READ_ONLY).
   */
  closeLostSessions(
    radacctIds: readonly string[],
    scope: OperatorScope,
    onlyStale: boolean,
  ): Promise<ClosedSession[]>;
  /**
   * A standby profile's primary for writes answers and takes writes (Test connection);
   * resolves at once on a primary, or on a standby with none (its writes are refused anyway).
   */
  checkWrites(): Promise<void>;
  /** The sweeper's advisory lock (on the primary), or null when another workstation holds it. */
  takeSweeperLock(): Promise<SweeperLock | null>;
  /** Who holds the sweeper's lock (its label), or null when nobody does. */
  sweeperRunner(): Promise<{ label: string | null } | null>;
  /** Ends the pool; queries still running finish first. */
  close(): Promise<void>;
}
