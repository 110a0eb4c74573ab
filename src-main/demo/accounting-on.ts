import type { SqlRunner } from './seed';

/**
 * What FreeRADIUS writes when a NAS sends Accounting-On (it came back up) or Accounting-Off
 * (it is going down): the stock rlm_sql postgresql `accounting-on` query of queries.conf
 * closes every open session of that NAS in one UPDATE, each stamped with the packet's time
 * (whole seconds: TO_TIMESTAMP of the epoch) and the cause NAS-Reboot. Returns how many it
 * closed.
 */
export async function closeSessionsOnAccountingOn(
  db: SqlRunner,
  nasIp: string,
  eventEpoch: number = Math.floor(Date.now() / 1000),
): Promise<number> {
  const result = await db.query(
    `UPDATE radacct
        SET AcctStopTime = TO_TIMESTAMP($2),
            AcctUpdateTime = TO_TIMESTAMP($2),
            AcctSessionTime = ($2 - EXTRACT(EPOCH FROM (AcctStartTime))),
            AcctTerminateCause = 'NAS-Reboot'
      WHERE AcctStopTime IS NULL
        AND NASIPAddress = $1::inet
        AND AcctStartTime <= TO_TIMESTAMP($2)`,
    [nasIp, eventEpoch],
  );
  return result.rowCount ?? 0;
}
