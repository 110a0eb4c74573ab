/** How long to wait after each transmission: the first wait, then doubling (1 s, 2 s, 4 s …). */
export function retransmitWaitsMs(tries: number, firstWaitMs: number): number[] {
  return Array.from({ length: tries }, (_, attempt) => firstWaitMs * 2 ** attempt);
}

/** The longest an operator waits for one Disconnect-Request: firstWait × (2^tries − 1). */
export function worstCaseWaitMs(tries: number, firstWaitMs: number): number {
  return retransmitWaitsMs(tries, firstWaitMs).reduce((total, wait) => total + wait, 0);
}
