import { worstCaseWaitMs } from '../coa';

/** How long each path may take; the defaults suit a NAS across a WAN link. */
export interface DisconnectTiming {
  /** The longest the API login, and then each API command, may take. */
  apiTimeoutMs: number;
  /** Transmissions of the Disconnect-Request, the first included. */
  coaTries: number;
  /** Wait after the first transmission; each later wait doubles. */
  coaFirstWaitMs: number;
}

export const defaultTiming: DisconnectTiming = {
  apiTimeoutMs: 5_000,
  coaTries: 3,
  coaFirstWaitMs: 1_000,
};

/**
 * The longest an operator waits for one disconnect when both paths are down. The API path
 * is login + print + remove, each bounded by apiTimeoutMs (a closed port or a refused login
 * fails at once; a silent NAS costs one timeout). Closing that API connection runs beside
 * the CoA attempt, so only the longer of the two counts; CoA is firstWait × (2^tries − 1).
 * Defaults: 3 × 5 s + max(7 s, 5 s) = 22 s; a NAS that is simply down costs 5 s + 7 s = 12 s.
 */
export function worstCaseDisconnectWaitMs(timing: DisconnectTiming = defaultTiming): number {
  const api = 3 * timing.apiTimeoutMs;
  const coa = worstCaseWaitMs(timing.coaTries, timing.coaFirstWaitMs);
  return api + Math.max(coa, timing.apiTimeoutMs);
}
