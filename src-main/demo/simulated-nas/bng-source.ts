/** One open session as the demo reads it from radacct, with its `/ppp/active` `.id`. */
export interface SimulatedNasSession {
  id: string;
  name: string;
  address: string;
  callerId: string;
  /** What the NAS sent as Acct-Session-Id, e.g. `81a00003`; /ppp/active shows `0x81A00003`. */
  acctSessionId: string;
}

/** Where the simulated NAS learns its sessions and ends them: radacct, in the demo. */
export interface BngSessionSource {
  /**
   * The user's open sessions on this NAS, as /ppp/active shows them (read from radacct);
   * null: every user's (a print with no query, as a reconciliation asks).
   */
  activeSessions(username: string | null): Promise<SimulatedNasSession[]>;
  /**
   * Ends one session as a BNG does: its Accounting-Stop (Admin-Reset) reaches radacct.
   * False when no such open session.
   */
  endSession(acctSessionId: string): Promise<boolean>;
}
