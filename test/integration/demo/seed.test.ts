import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIsp } from '../../../src-main/demo/seed';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ schema: 'stock+panel' });
  await seedDemoIsp(db.pool());
});

afterAll(async () => {
  await db?.drop();
});

async function one<T>(sql: string): Promise<T> {
  const { rows } = await db.pool().query(sql);
  return rows[0] as T;
}

describe('the demo ISP seed', () => {
  it('has six NAS on 127.0.10.1-6, named in nas_devices and in FreeRADIUS nas with a secret', async () => {
    const { rows: devices } = await db
      .pool()
      .query('SELECT name, ip_address FROM nas_devices ORDER BY ip_address');
    expect(devices.map((row) => row.ip_address)).toEqual(
      [1, 2, 3, 4, 5, 6].map((i) => `127.0.10.${i}`),
    );
    expect(devices.every((row) => /^bng-[a-z]+-\d$/.test(row.name))).toBe(true);
    const { rows: clients } = await db
      .pool()
      .query('SELECT nasname, shortname, secret FROM nas ORDER BY nasname');
    expect(clients.map((row) => [row.nasname, row.shortname])).toEqual(
      devices.map((row) => [row.ip_address, row.name]),
    );
    expect(clients.every((row) => row.secret.length > 0)).toBe(true);
  });

  it('has a few thousand subscribers with realm usernames, full names, services and a reseller tree', async () => {
    const counts = await one<{
      subscribers: number;
      realm: number;
      named: number;
      services: number;
    }>(
      `SELECT count(*)::int AS subscribers,
              count(*) FILTER (WHERE username ~ '^[a-z]+\\.[a-z]+\\d*@[a-z.-]+\\.example$')::int AS realm,
              count(*) FILTER (WHERE full_name ~ '^[A-Z][a-z]+ [A-Z][a-z]+$')::int AS named,
              count(DISTINCT service_id)::int AS services
         FROM subscribers`,
    );
    expect(counts.subscribers).toBeGreaterThan(2000);
    expect(counts.subscribers).toBeLessThan(10000);
    expect(counts.realm).toBe(counts.subscribers);
    expect(counts.named).toBe(counts.subscribers);
    expect(counts.services).toBeGreaterThanOrEqual(5);
    const depth = await one<{ depth: number }>(
      `WITH RECURSIVE tree AS (
         SELECT id, 1 AS depth FROM resellers WHERE parent_id IS NULL
         UNION ALL SELECT r.id, t.depth + 1 FROM resellers r JOIN tree t ON r.parent_id = t.id)
       SELECT max(depth)::int AS depth FROM tree`,
    );
    expect(depth.depth).toBeGreaterThanOrEqual(2);
    expect(depth.depth).toBeLessThanOrEqual(4);
  });

  it('gives online sessions CGNAT framed IPs that no two of them share, MACs, and interims', async () => {
    const online = await one<{
      online: number;
      ips: number;
      cgnat: number;
      macs: number;
      interims: number;
      past_2_32: number;
    }>(
      `SELECT count(*)::int AS online,
              count(DISTINCT framedipaddress)::int AS ips,
              count(*) FILTER (WHERE framedipaddress << '100.64.0.0/10')::int AS cgnat,
              count(*) FILTER (WHERE callingstationid ~ '^([0-9A-F]{2}:){5}[0-9A-F]{2}$')::int AS macs,
              count(*) FILTER (WHERE acctupdatetime > acctstarttime)::int AS interims,
              count(*) FILTER (WHERE acctoutputoctets > 4294967296)::int AS past_2_32
         FROM radacct WHERE acctstoptime IS NULL`,
    );
    expect(online.online).toBeGreaterThan(1000);
    expect(online.ips).toBe(online.online);
    expect(online.cgnat).toBe(online.online);
    expect(online.macs).toBe(online.online);
    expect(online.interims).toBeGreaterThan(online.online * 0.9);
    expect(online.past_2_32).toBeGreaterThan(0);
  });

  it('has offline history with every terminate cause a BNG reports', async () => {
    const { rows } = await db
      .pool()
      .query(
        `SELECT DISTINCT acctterminatecause AS cause FROM radacct WHERE acctstoptime IS NOT NULL`,
      );
    expect(rows.map((row) => row.cause)).toEqual(
      expect.arrayContaining([
        'User-Request',
        'Lost-Carrier',
        'Idle-Timeout',
        'Admin-Reset',
        'NAS-Request',
        'Session-Timeout',
        'NAS-Reboot',
      ]),
    );
    const history = await one<{ closed: number; bad: number }>(
      `SELECT count(*)::int AS closed,
              count(*) FILTER (WHERE acctstoptime < acctstarttime OR acctstoptime > now())::int AS bad
         FROM radacct WHERE acctstoptime IS NOT NULL`,
    );
    expect(history.closed).toBeGreaterThan(10000);
    expect(history.bad).toBe(0);
  });

  it('has a few stale sessions (open, no interim for hours) and a few orphaned ones', async () => {
    const odd = await one<{ stale: number; orphaned: number; online: number }>(
      `SELECT count(*) FILTER (WHERE acctupdatetime < now() - interval '1 hour')::int AS stale,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM subscribers s WHERE s.username = r.username))::int AS orphaned,
              count(*)::int AS online
         FROM radacct r WHERE acctstoptime IS NULL`,
    );
    expect(odd.stale).toBeGreaterThan(0);
    expect(odd.stale).toBeLessThan(odd.online / 20);
    expect(odd.orphaned).toBeGreaterThan(0);
    expect(odd.orphaned).toBeLessThan(odd.online / 20);
  });

  it('marks online subscribers and gives radcheck passwords, rejects, expirations and limits', async () => {
    const flags = await one<{ marked: number; online_users: number }>(
      `SELECT (SELECT count(*) FROM subscribers WHERE is_online)::int AS marked,
              (SELECT count(DISTINCT r.username) FROM radacct r JOIN subscribers s USING (username)
                WHERE r.acctstoptime IS NULL)::int AS online_users`,
    );
    expect(flags.marked).toBe(flags.online_users);
    const { rows } = await db
      .pool()
      .query(`SELECT attribute, op, count(*)::int AS n FROM radcheck GROUP BY 1, 2`);
    const count = (attribute: string) => rows.find((row) => row.attribute === attribute)?.n ?? 0;
    expect(count('Cleartext-Password')).toBeGreaterThan(2000);
    expect(count('Simultaneous-Use')).toBe(count('Cleartext-Password'));
    expect(count('Auth-Type')).toBeGreaterThan(0);
    expect(count('Expiration')).toBeGreaterThan(0);
  });

  it('looks the same on every run', async () => {
    const again = await createTestDatabase({ schema: 'stock+panel' });
    try {
      await seedDemoIsp(again.pool());
      const fingerprint = `SELECT md5(string_agg(username || host(framedipaddress) || callingstationid
                                         || coalesce(acctterminatecause, ''), ',' ORDER BY radacctid)) AS f
                             FROM radacct`;
      const first = (await db.pool().query(fingerprint)).rows[0].f;
      const second = (await again.pool().query(fingerprint)).rows[0].f;
      expect(second).toBe(first);
    } finally {
      await again.drop();
    }
  });

  it('is dual-stack: most sessions have a /64 WAN and a /56 delegated prefix in 2001:db8::/32, each line its own', async () => {
    const v6 = await one<{
      sessions: number;
      dual: number;
      wan: number;
      lan: number;
      doc: number;
      shared: number;
    }>(
      `SELECT count(*)::int AS sessions,
              count(*) FILTER (WHERE framedipv6prefix IS NOT NULL AND delegatedipv6prefix IS NOT NULL)::int AS dual,
              count(*) FILTER (WHERE masklen(framedipv6prefix) = 64)::int AS wan,
              count(*) FILTER (WHERE masklen(delegatedipv6prefix) = 56)::int AS lan,
              count(*) FILTER (WHERE '2001:db8::/32'::inet >> framedipv6prefix
                                 AND '2001:db8::/32'::inet >> delegatedipv6prefix
                                 AND NOT framedipv6prefix && delegatedipv6prefix)::int AS doc,
              (SELECT count(*)::int FROM (SELECT delegatedipv6prefix FROM radacct
                 WHERE acctstoptime IS NULL AND delegatedipv6prefix IS NOT NULL
                 GROUP BY 1 HAVING count(*) > 1) d) AS shared
         FROM radacct WHERE acctstoptime IS NULL`,
    );
    expect(v6.dual / v6.sessions).toBeGreaterThan(0.75);
    expect(v6.dual).toBeLessThan(v6.sessions);
    expect(v6.wan).toBe(v6.dual);
    expect(v6.lan).toBe(v6.dual);
    expect(v6.doc).toBe(v6.dual);
    // No two online sessions share a delegated prefix (who-had would name two subscribers).
    expect(v6.shared).toBe(0);
  });
});
