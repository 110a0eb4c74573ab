export { disconnectSession, type DisconnectDeps } from './disconnect-session';
export type { DisconnectTarget, NasAccess } from './disconnect-input';
export type { DisconnectAttempt, DisconnectPath, DisconnectReport } from './disconnect-report';
export {
  defaultTiming,
  worstCaseDisconnectWaitMs,
  type DisconnectTiming,
} from './disconnect-timing';
export { createRouterOsPool, type RouterOsPool } from './routeros-pool';
export { watchForStop, type StopWatch } from './watch-for-stop';
export { confirmDisconnect, type ConfirmedDisconnect } from './confirm-disconnect';
export { disconnectEach, type DisconnectEachOptions } from './disconnect-each';
