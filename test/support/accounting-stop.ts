import type pg from 'pg';

/**
 * What FreeRADIUS writes when a NAS's Accounting-Stop for a disconnected session arrives:
 * the session closes in radacct with Admin-Reset. Simulated NAS call it after a disconnect.
 */
export async function writeAccountingStop(pool: pg.Pool, acctSessionId: string): Promise<void> {
  await pool.query(
    `UPDATE radacct SET acctstoptime = now(), acctterminatecause = 'Admin-Reset'
     WHERE acctsessionid = $1 AND acctstoptime IS NULL`,
    [acctSessionId],
  );
}
