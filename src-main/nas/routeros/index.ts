export { openRouterOsSession, type RouterOsLogin, type RouterOsSession } from './routeros-session';
export {
  macDigits,
  pickSessionToRemove,
  routerOsSessionNumber,
  type SessionRow,
} from './pick-session-to-remove';
export type { PppActive } from './ppp-active';
