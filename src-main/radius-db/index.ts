// The FreeRADIUS database core: plain Node (no Electron), one pool per opened profile.
// Rows leave it as SessionRow tuples: octets as exact decimal strings, times as ISO 8601
// in UTC with a "Z" offset (e.g. "2026-11-21T08:00:00Z", fractions kept when present).
export type { DbProfile, RadiusDbOptions, ServerAddress } from './db-profile';
export type { RadiusDb } from './radius-db';
export { openRadiusDb } from './open-radius-db';
export { recommendedIndexes } from './recommended-indexes';
export { historyCountBound, historySearchCountBound } from './list-sessions';
export type { SessionToDisconnect } from './sessions-to-disconnect';
export type { SessionPageQuery } from './session-page-sql';
export type { SessionBatchSink } from './stream-sessions';
export type { NasEvents, OnlineEvents } from './health/online-events';
export type { StopsInWindow, StopWindow } from './health/drop-details';
export type { ClosedSession } from './cleanup/close-lost-sessions';
export type { StaleOnNas } from './cleanup/stale-by-nas';
export type { SweeperLock } from './cleanup/sweeper-lock';
