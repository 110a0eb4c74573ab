import type pg from 'pg';

// radcheck / radgroupcheck / radusergroup rows and the radacct fields only the subscriber
// detail reads (NAS port, connect info, interim interval).

export async function addCheck(
  pool: pg.Pool,
  username: string,
  attribute: string,
  value: string,
  op = ':=',
): Promise<void> {
  await pool.query(
    'INSERT INTO radcheck (username, attribute, op, value) VALUES ($1, $2, $3, $4)',
    [username, attribute, op, value],
  );
}

export async function addGroupCheck(
  pool: pg.Pool,
  groupname: string,
  attribute: string,
  value: string,
  op = ':=',
): Promise<void> {
  await pool.query(
    'INSERT INTO radgroupcheck (groupname, attribute, op, value) VALUES ($1, $2, $3, $4)',
    [groupname, attribute, op, value],
  );
}

export async function addUserGroup(
  pool: pg.Pool,
  username: string,
  groupname: string,
  priority: number,
): Promise<void> {
  await pool.query('INSERT INTO radusergroup (username, groupname, priority) VALUES ($1, $2, $3)', [
    username,
    groupname,
    priority,
  ]);
}

export async function setSessionExtras(
  pool: pg.Pool,
  radacctId: string,
  extras: { nasPortId?: string; nasPortType?: string; connectInfo?: string; interval?: number },
): Promise<void> {
  await pool.query(
    `UPDATE radacct SET nasportid = $2, nasporttype = $3, connectinfo_start = $4, acctinterval = $5
     WHERE radacctid = $1::bigint`,
    [
      radacctId,
      extras.nasPortId ?? null,
      extras.nasPortType ?? null,
      extras.connectInfo ?? null,
      extras.interval === undefined ? null : String(extras.interval),
    ],
  );
}

/** An ISO time this many minutes before now. */
export const minutesAgo = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString();
