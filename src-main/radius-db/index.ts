// The FreeRADIUS database core: plain Node (no Electron), one pool per opened profile.
export type { DbProfile, RadiusDbOptions } from './db-profile';
export type { RadiusDb } from './radius-db';
export { openRadiusDb } from './open-radius-db';
export { recommendedIndexes } from './recommended-indexes';
export { historyCountBound } from './list-sessions';
