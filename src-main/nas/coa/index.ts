export { sendDisconnect } from './send-disconnect';
export { describeErrorCause } from './error-cause';
export { worstCaseWaitMs } from './retransmit-schedule';
export type { DisconnectAttributes, DisconnectTarget } from './disconnect-input';
export type { DisconnectOutcome } from './disconnect-reply';
