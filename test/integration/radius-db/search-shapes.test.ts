import { F } from '@contract';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, recommendedIndexes, type RadiusDb } from '../../../src-main/radius-db';
import { classifySearch } from '../../../src-main/radius-db/search-shape';
import { createTestDatabase, withAdmin, type TestDatabase } from '../../support/database';
import { listInput, walkAllPages } from '../../support/radius-db-helpers';
import {
  addSubscriber,
  insertSessions,
  offline,
  online,
  type SessionSeed,
} from '../../support/seed';

// A small deterministic mix of what NAS write: CGNAT and private IPv4, an IPv6 and an
// IPv4-mapped address in framedipaddress, MACs in four notations, usernames with realms.
function seeds(): SessionSeed[] {
  const notations = [
    (hex: string) => hex.match(/../g)!.join(':').toUpperCase(),
    (hex: string) => hex.match(/../g)!.join('-'),
    (hex: string) => hex.match(/..../g)!.join('.'),
    (hex: string) => hex,
  ];
  const ips = (n: number) => [
    `100.64.${n % 200}.${(n * 7) % 256}`,
    `10.${n % 13}.1.${n % 100}`,
    '2001:db8::64:1',
    '::ffff:100.64.1.5',
  ];
  const rows: SessionSeed[] = [];
  for (let n = 0; n < 160; n += 1) {
    const hex = `f09fc2${(n * 2654435761).toString(16).padStart(8, '0').slice(-6)}`;
    const seed: SessionSeed = {
      username: n % 9 === 0 ? `x${n}y.z` : `u${1000 + n * 37}@isp.example`,
      ip: ips(n)[n % 4 === 3 ? 2 + ((n >> 2) % 2) : n % 2]!,
      mac: notations[n % 4]!(hex),
      sessionId: `81${n.toString(16).padStart(6, '0')}`,
    };
    rows.push(n % 3 === 0 ? offline(seed) : online(seed));
  }
  return rows;
}

// What the spec says the box matches (and what issue 16 adds), written plainly.
function referenceCondition(text: string): { sql: string; values: unknown[] } {
  const shape = classifySearch(text);
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const mac =
    shape.kind === 'mac'
      ? `replace(replace(replace(replace(lower(callingstationid), ':', ''), '-', ''), '.', ''), ' ', '') LIKE '%' || $3::text || '%'`
      : 'callingstationid ILIKE $1';
  const fullName =
    shape.kind === 'text'
      ? 'OR username IN (SELECT username FROM subscribers WHERE full_name ILIKE $1)'
      : '';
  return {
    sql: `(username ILIKE $1 OR host(framedipaddress) ILIKE $1 OR ${mac} ${fullName}
           OR acctsessionid = $2 OR $3::text IS NULL)`,
    values: [like, text, shape.kind === 'mac' ? shape.hex : ''],
  };
}

const fragments = [
  '100.64.1',
  '64.1',
  '4.1.',
  '.1',
  '.1.',
  '1.1.1',
  '100.64.1.5',
  // Fragments whose index patterns drop leading digits, and ones too short to (search-sql.ts).
  '00.64.1',
  '0.64.1',
  '100.6',
  '10.1',
  '4.1.1',
  '10.',
  '.',
  '99',
  '100',
  'u10',
  '@isp',
  'x9y',
  'y.z',
  '4y1',
  'F0:9F',
  'f0-9f-c2',
  'f09f.c2',
  'F09FC2',
  'c2:',
  '2001:db8',
  'db8::',
  'ffff:100',
  '810000',
  '8100000a',
  'Sara',
  'Karimi',
];

describe('search by shape: the same sessions the spec matches, with and without indexes', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    await insertSessions(database.pool(), seeds());
    await addSubscriber(database.pool(), {
      username: 'u1037@isp.example',
      fullName: 'Sara Karimi',
    });
    await addSubscriber(database.pool(), { username: 'x9y.z', fullName: 'Omid Sara' });
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  async function expected(text: string, status: 'online' | 'all'): Promise<string[]> {
    const { sql, values } = referenceCondition(text);
    const online = status === 'online' ? 'acctstoptime IS NULL AND' : '';
    const result = await database
      .pool()
      .query<{ id: string }>(
        `SELECT radacctid::text AS id FROM radacct WHERE ${online} ${sql} ORDER BY 1`,
        values,
      );
    return result.rows.map((row) => row.id);
  }

  async function found(target: RadiusDb, text: string, status: 'online' | 'all') {
    const { rows } = await walkAllPages(target, listInput({ search: text, status, pageSize: 50 }));
    const page = await target.listSessions(listInput({ search: text, status }), everything);
    expect(page.matches.count, `count of '${text}'`).toBe(rows.length);
    return rows.map((row) => row[F.id]).sort();
  }

  async function compareAll(target: RadiusDb): Promise<void> {
    for (const text of fragments) {
      for (const status of ['online', 'all'] as const) {
        if (status === 'all' && [...text].length < 3) continue;
        expect(await found(target, text, status), `'${text}' ${status}`).toEqual(
          await expected(text, status),
        );
      }
    }
  }

  it('matches the reference for every fragment without any index', async () => {
    await compareAll(db);
  });

  it('finds a MAC written in any notation, whatever notation the NAS stored', async () => {
    const macs = async (text: string) =>
      (await walkAllPages(db, listInput({ search: text, status: 'all' }))).rows.map(
        (row) => row[F.mac],
      );
    const stored = await macs('F0:9F:C2');
    expect(new Set(stored.map((mac) => /[:]/.test(mac ?? '')))).toEqual(new Set([true, false]));
    expect(stored.length).toBe(160);
    for (const notation of ['f0-9f-c2', 'f09f.c2', 'f09fc2']) {
      expect((await macs(notation)).length).toBe(160);
    }
  });

  it('finds a full name and an Acct-Session-Id', async () => {
    const names = await walkAllPages(db, listInput({ search: 'sara', status: 'all' }));
    expect(names.rows.map((row) => row[F.username]).sort()).toEqual(['u1037@isp.example', 'x9y.z']);
    const session = await walkAllPages(db, listInput({ search: '8100000a', status: 'all' }));
    expect(session.rows.map((row) => row[F.acctSessionId])).toEqual(['8100000a']);
  });

  it('matches the reference through the recommended indexes', async (context) => {
    const pool = database.pool();
    const trgm = await pool.query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'");
    if (trgm.rowCount === 0) context.skip('this PostgreSQL build ships without pg_trgm');
    for (const statement of recommendedIndexes(db.summary)) await pool.query(statement);
    await pool.query('ANALYZE');
    const name = new URL(database.url).pathname.slice(1);
    // Only indexes then: every search must be answered through them, with the same rows.
    await withAdmin((admin) =>
      admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} SET enable_seqscan = off`),
    );
    const indexed = await openRadiusDb(database.profile);
    try {
      await compareAll(indexed);
    } finally {
      await indexed.close();
    }
  });
});
