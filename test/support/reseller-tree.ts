import type pg from 'pg';
import { addNasDevice, addReseller, addSubscriber, insertSessions, offline, online } from './seed';

/**
 * A panel with a reseller tree three levels deep under North, and a South branch beside it:
 *   Top ─ North ─ North-East ─ North-East far
 *       └ South ─ South-West
 * Every reseller has subscribers with one online and one ended session; a subscriber with
 * no reseller and sessions with no subscriber row (orphans) sit outside every tree.
 */
export interface ResellerTreeSeed {
  resellers: Record<'top' | 'north' | 'northEast' | 'northEastFar' | 'south' | 'southWest', number>;
  /** Every username that has sessions, orphans included. */
  usernames: string[];
}

/** NAS of the seed's sessions, and one in the directory that carries none. */
export const treeNas = ['127.0.10.21', '127.0.10.22', '127.0.10.23'] as const;
export const idleNas = '127.0.10.24';

export async function seedResellerTree(pool: pg.Pool): Promise<ResellerTreeSeed> {
  const top = await addReseller(pool, 'Top ISP');
  const north = await addReseller(pool, 'North Fiber', top);
  const northEast = await addReseller(pool, 'North-East Fiber', north);
  const northEastFar = await addReseller(pool, 'North-East far', northEast);
  const south = await addReseller(pool, 'South Wireless', top);
  const southWest = await addReseller(pool, 'South-West Wireless', south);
  const resellers = { top, north, northEast, northEastFar, south, southWest };
  const subscribers: [string, number | undefined][] = [
    ['top1@isp', top],
    ['north1@isp', north],
    ['north2@isp', north],
    ['ne1@isp', northEast],
    ['nef1@isp', northEastFar],
    ['south1@isp', south],
    ['sw1@isp', southWest],
    ['free1@isp', undefined],
  ];
  for (const [username, resellerId] of subscribers) {
    await addSubscriber(pool, { username, fullName: `Name of ${username}`, resellerId });
  }
  for (const [index, nas] of [...treeNas, idleNas].entries()) {
    await addNasDevice(pool, `bng-${index + 1}`, nas);
  }
  const usernames = [...subscribers.map(([username]) => username), 'orphan@isp'];
  await insertSessions(
    pool,
    usernames.flatMap((username, n) => {
      const nas = treeNas[n % treeNas.length]!;
      const mac = (k: number) => `AA:BB:CC:00:${String(n).padStart(2, '0')}:0${k}`;
      return [
        online({
          username,
          nas,
          ip: `100.64.9.${n + 1}`,
          mac: mac(1),
          start: '2026-11-21T08:00:00Z',
        }),
        offline({
          username,
          nas,
          ip: `100.64.8.${n + 1}`,
          mac: mac(2),
          start: '2026-11-20T08:00:00Z',
        }),
      ];
    }),
  );
  return { resellers, usernames };
}

export interface ExpectedSession {
  id: string;
  username: string;
  nas: string;
  ip: string | null;
  online: boolean;
}

/**
 * The sessions a reseller's tree holds (null: every session), computed apart from the app:
 * each subscriber's reseller chain is walked upwards, and a subscriber belongs to the tree
 * when the reseller appears on its way to the root. Read as the test's admin.
 */
export async function sessionsOfTree(
  pool: pg.Pool,
  resellerId: number | null,
): Promise<ExpectedSession[]> {
  const { rows } = await pool.query<ExpectedSession>(
    `WITH RECURSIVE up (username, reseller) AS (
       SELECT s.username, s.reseller_id FROM subscribers s WHERE s.reseller_id IS NOT NULL
       UNION
       SELECT up.username, r.parent_id FROM up JOIN resellers r ON r.id = up.reseller
       WHERE r.parent_id IS NOT NULL)
     SELECT r.radacctid::text AS id, r.username, host(r.nasipaddress) AS nas,
            host(r.framedipaddress) AS ip, r.acctstoptime IS NULL AS online
     FROM radacct r
     WHERE $1::int IS NULL OR r.username IN (SELECT username FROM up WHERE reseller = $1)
     ORDER BY r.radacctid`,
    [resellerId],
  );
  return rows;
}

/** How many resellers and subscribers the tree holds, by the same upward walk. */
export async function sizeOfTree(
  pool: pg.Pool,
  resellerId: number,
): Promise<{ resellers: number; subscribers: number }> {
  const { rows } = await pool.query<{ resellers: number; subscribers: number }>(
    `WITH RECURSIVE up (start, id) AS (
       SELECT id, id FROM resellers
       UNION
       SELECT up.start, r.parent_id FROM up JOIN resellers r ON r.id = up.id
       WHERE r.parent_id IS NOT NULL),
     tree AS (SELECT DISTINCT start AS id FROM up WHERE id = $1)
     SELECT (SELECT count(*) FROM tree)::int AS resellers,
            (SELECT count(*) FROM subscribers WHERE reseller_id IN (SELECT id FROM tree))::int
              AS subscribers`,
    [resellerId],
  );
  return rows[0]!;
}
