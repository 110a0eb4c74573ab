import type pg from 'pg';

/** One radacct row as a test describes it; everything left out gets a plausible value. */
export interface SessionSeed {
  username: string | null;
  /** NAS address; default 10.0.0.1. */
  nas?: string;
  ip?: string | null;
  mac?: string | null;
  /** ISO time; default 2026-11-21T08:00:00Z. */
  start?: string | null;
  /** Set for a closed (offline) session; left out or null = online. */
  stop?: string | null;
  update?: string | null;
  sessionTime?: number | string | null;
  /** acctoutputoctets (what the subscriber downloaded); strings keep values past 2^53. */
  download?: number | string | null;
  /** acctinputoctets (what the subscriber uploaded). */
  upload?: number | string | null;
  sessionId?: string;
  terminateCause?: string | null;
  /** Dual-stack: framedipv6address, framedipv6prefix (WAN), delegatedipv6prefix (LAN). */
  ipv6?: string | null;
  wanPrefix?: string | null;
  delegatedPrefix?: string | null;
}

let sequence = 0;

/**
 * Inserts sessions in one statement and returns their radacctids in the same order. The
 * JSON goes through json_populate_recordset, so the same seed fits inet/bigint/timestamptz
 * columns and text ones alike.
 */
export async function insertSessions(pool: pg.Pool, seeds: SessionSeed[]): Promise<string[]> {
  const dualStack = seeds.some(
    (seed) =>
      seed.ipv6 !== undefined || seed.wanPrefix !== undefined || seed.delegatedPrefix !== undefined,
  );
  const records = seeds.map((seed) => {
    sequence += 1;
    const sessionId = seed.sessionId ?? `8100${String(sequence).padStart(4, '0')}`;
    return {
      acctsessionid: sessionId,
      acctuniqueid: `${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 10)}`,
      username: seed.username,
      nasipaddress: seed.nas ?? '10.0.0.1',
      framedipaddress: seed.ip ?? null,
      callingstationid: seed.mac ?? null,
      acctstarttime: seed.start === undefined ? '2026-11-21T08:00:00Z' : seed.start,
      acctupdatetime: seed.update ?? null,
      acctstoptime: seed.stop ?? null,
      acctsessiontime: toText(seed.sessionTime),
      acctinputoctets: toText(seed.upload),
      acctoutputoctets: toText(seed.download),
      acctterminatecause: seed.terminateCause ?? (seed.stop ? 'User-Request' : null),
      // Only when a test sets them: older schemas have no such columns.
      ...(dualStack
        ? {
            framedipv6address: seed.ipv6 ?? null,
            framedipv6prefix: seed.wanPrefix ?? null,
            delegatedipv6prefix: seed.delegatedPrefix ?? null,
          }
        : {}),
    };
  });
  const columns = Object.keys(records[0] ?? {}).join(', ');
  const result = await pool.query<{ radacctid: string }>(
    `INSERT INTO radacct (${columns})
     SELECT ${columns} FROM json_populate_recordset(null::radacct, $1::json)
     RETURNING radacctid::text`,
    [JSON.stringify(records)],
  );
  return result.rows.map((row) => row.radacctid);
}

export const online = (seed: SessionSeed): SessionSeed => ({ ...seed, stop: null });
export const offline = (seed: SessionSeed, stop = '2026-11-21T09:00:00Z'): SessionSeed => ({
  ...seed,
  stop,
});

function toText(value: number | string | null | undefined): string | null {
  return value === undefined || value === null ? null : String(value);
}

export async function addReseller(
  pool: pg.Pool,
  name: string,
  parentId: number | null = null,
): Promise<number> {
  const result = await pool.query<{ id: number }>(
    'INSERT INTO resellers (name, parent_id) VALUES ($1, $2) RETURNING id',
    [name, parentId],
  );
  return result.rows[0]!.id;
}

export async function addService(pool: pg.Pool, name: string): Promise<number> {
  const result = await pool.query<{ id: number }>(
    'INSERT INTO services (name) VALUES ($1) RETURNING id',
    [name],
  );
  return result.rows[0]!.id;
}

export async function addSubscriber(
  pool: pg.Pool,
  subscriber: {
    username: string;
    fullName?: string | null;
    serviceId?: number;
    resellerId?: number;
  },
): Promise<void> {
  await pool.query(
    'INSERT INTO subscribers (username, full_name, service_id, reseller_id) VALUES ($1, $2, $3, $4)',
    [
      subscriber.username,
      subscriber.fullName ?? null,
      subscriber.serviceId ?? null,
      subscriber.resellerId ?? null,
    ],
  );
}

/** A row of the panel's NAS table (nas_devices). */
export async function addNasDevice(pool: pg.Pool, name: string, ip: string): Promise<void> {
  await pool.query('INSERT INTO nas_devices (name, ip_address) VALUES ($1, $2)', [name, ip]);
}

/** A row of FreeRADIUS's own nas table. */
export async function addFreeradiusNas(
  pool: pg.Pool,
  shortname: string,
  ip: string,
): Promise<void> {
  await pool.query("INSERT INTO nas (nasname, shortname, secret) VALUES ($1, $2, 'testing123')", [
    ip,
    shortname,
  ]);
}
