import type { BngSessionSource, SimulatedNasSession } from './bng-source';
import type { PppActiveSession, PppActiveTable } from './ppp-active-table';

/**
 * `/ppp/active` over the demo's radacct. A print names its user (as a disconnect's does) or
 * none (a reconciliation's); a remove names only the `.id`, so the rows a print showed are
 * remembered until removed.
 */
export function bngPppTable(source: BngSessionSource): PppActiveTable {
  const shown = new Map<string, SimulatedNasSession>();
  return {
    async candidates(name) {
      const sessions = await source.activeSessions(name ?? null);
      for (const session of sessions) shown.set(session.id, session);
      return sessions.map(pppRow);
    },
    async remove(id) {
      const session = shown.get(id);
      if (!session) return null;
      shown.delete(id);
      return (await source.endSession(session.acctSessionId)) ? pppRow(session) : null;
    },
  };
}

/** RouterOS shows the session id it sends as Acct-Session-Id, in upper case with 0x. */
function pppRow({
  id,
  name,
  address,
  callerId,
  acctSessionId,
}: SimulatedNasSession): PppActiveSession {
  return { id, name, address, callerId, sessionId: `0x${acctSessionId.toUpperCase()}` };
}
