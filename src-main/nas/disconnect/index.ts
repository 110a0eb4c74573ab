export { disconnectSession, type DisconnectDeps } from './disconnect-session';
export { nasWords, type DisconnectTarget, type NasAccess } from './disconnect-input';
export {
  anythingAnswered,
  anythingSent,
  type DisconnectAttempt,
  type DisconnectPath,
  type DisconnectReport,
} from './disconnect-report';
export {
  defaultTiming,
  worstCaseDisconnectWaitMs,
  type DisconnectTiming,
} from './disconnect-timing';
export { createRouterOsPool, type RouterOsPool } from './routeros-pool';
export { PathHealth, defaultTimeoutsInARow, type PathVerdict } from './path-health';
export { disconnectEach, type DisconnectEachOptions } from './disconnect-each';
