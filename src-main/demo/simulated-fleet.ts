import { startSimulatedNas, type SimulatedNas, type SimulatedNasSession } from './simulated-nas';
import type { SqlRunner } from './seed';

export interface FleetNas {
  name: string;
  nasIp: string;
  apiPort: number;
  coaPort: number;
  coaSecret: string;
}

export interface SimulatedFleet {
  nas: FleetNas[];
  close(): Promise<void>;
}

/** The simulated NAS only ever listen on loopback; a NAS row elsewhere is a seed bug. */
const loopback = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * One simulated BNG per NAS of FreeRADIUS's nas table, each answering for the sessions
 * radacct has open on it, and writing the Accounting-Stop when one is disconnected.
 */
export async function startSimulatedFleet(
  db: SqlRunner,
  apiCredentials: { user: string; password: string },
): Promise<SimulatedFleet> {
  const { rows } = await db.query('SELECT nasname, shortname, secret FROM nas ORDER BY nasname');
  const started: { name: string; coaSecret: string; nas: SimulatedNas }[] = [];
  try {
    for (const row of rows) {
      const nasIp = String(row.nasname);
      if (!loopback.test(nasIp)) {
        throw new Error(
          `The demo NAS ${nasIp} is not on loopback; the demo only listens on 127/8.`,
        );
      }
      const coaSecret = String(row.secret);
      const nas = await startSimulatedNas({
        nasIp,
        apiCredentials,
        coaSecret,
        activeSessions: (username) => activeSessions(db, nasIp, username),
        endSession: (acctSessionId) => endSession(db, nasIp, acctSessionId),
      });
      started.push({ name: String(row.shortname), coaSecret, nas });
    }
  } catch (error) {
    await Promise.allSettled(started.map(({ nas }) => nas.close()));
    throw error;
  }
  return {
    nas: started.map(({ name, coaSecret, nas }) => ({
      name,
      nasIp: nas.nasIp,
      apiPort: nas.apiPort,
      coaPort: nas.coaPort,
      coaSecret,
    })),
    close: async () => {
      await Promise.allSettled(started.map(({ nas }) => nas.close()));
    },
  };
}

/**
 * What /ppp/active shows for a user on this NAS: their open sessions in radacct, but for the
 * demo's stale ones (silent for over 30 minutes): those are the sessions this NAS lost without
 * an Accounting-Stop, ghosts that only radacct still holds.
 */
async function activeSessions(
  db: SqlRunner,
  nasIp: string,
  username: string | null,
): Promise<SimulatedNasSession[]> {
  const { rows } = await db.query(
    `SELECT radacctid::text AS id, username, host(framedipaddress) AS address,
            coalesce(callingstationid, '') AS caller_id, acctsessionid
       FROM radacct
      WHERE acctstoptime IS NULL AND nasipaddress = $1::inet
        AND ($2::text IS NULL OR username = $2)
        AND coalesce(acctupdatetime, acctstarttime) > now() - interval '30 minutes'
      ORDER BY acctstarttime`,
    [nasIp, username],
  );
  return rows.map((row) => ({
    id: `*${Number(row.id).toString(16).toUpperCase()}`,
    name: String(row.username),
    address: String(row.address ?? ''),
    callerId: String(row.caller_id),
    acctSessionId: String(row.acctsessionid),
  }));
}

/** The Accounting-Stop a BNG sends after an administrative disconnect. */
async function endSession(db: SqlRunner, nasIp: string, acctSessionId: string): Promise<boolean> {
  const { rows } = await db.query(
    `WITH ended AS (
       UPDATE radacct
          SET acctstoptime = now(), acctupdatetime = now(),
              acctsessiontime = extract(epoch FROM now() - acctstarttime)::bigint,
              acctterminatecause = 'Admin-Reset'
        WHERE acctstoptime IS NULL AND nasipaddress = $1::inet AND acctsessionid = $2
        RETURNING username
     ), went_offline AS (
       UPDATE subscribers s SET is_online = EXISTS (
         SELECT 1 FROM radacct o WHERE o.acctstoptime IS NULL AND o.username = s.username
           AND o.acctsessionid <> $2)
       FROM ended e WHERE s.username = e.username
     )
     SELECT count(*)::int AS ended FROM ended`,
    [nasIp, acctSessionId],
  );
  return Number(rows[0]?.ended ?? 0) > 0;
}
