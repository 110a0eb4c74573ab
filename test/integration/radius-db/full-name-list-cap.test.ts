import { sessionListInputSchema, type SessionListInput } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { createDbQueries, type DbQueries } from '../../../src-main/radius-db/db-queries';
import { detectSchema } from '../../../src-main/radius-db/detect-schema';
import type { DetectedSchema } from '../../../src-main/radius-db/detected-schema';
import { fullNameUsernames } from '../../../src-main/radius-db/full-name-usernames';
import { sessionPageSql, type PageRoute } from '../../../src-main/radius-db/session-page-sql';
import { buildSessionSql, type SessionSql } from '../../../src-main/radius-db/session-sql';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addSubscriber, insertSessions, offline, online } from '../../support/seed';

// A history search for a full name reads the matching usernames first and passes them as a
// list (full-name-usernames.ts); past the cap (100,000 names at a real ISP) it keeps the
// subquery form. Neither form may change which sessions match or their order: this runs
// both on the same data with a cap small enough to cross.
describe('full-name list cap', () => {
  let database: TestDatabase;
  let db: DbQueries;
  let schema: DetectedSchema;
  let sql: SessionSql;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    const names = ['Sara Karimi', 'Sara Karimipour', 'Nika Sara Karimi', 'Omid Nazari'];
    for (const [at, fullName] of names.entries()) {
      await addSubscriber(pool, { username: `u${at}@isp.example`, fullName });
    }
    const sessions = names.flatMap((_, at) =>
      [1, 2, 3].map((hour) => {
        const seed = { username: `u${at}@isp.example`, start: `2026-11-2${hour}T0${at}:00:00Z` };
        return hour === 3 ? online(seed) : offline(seed, `2026-11-2${hour}T0${at}:30:00Z`);
      }),
    );
    await insertSessions(pool, sessions);
    db = createDbQueries(pool, {
      profile: database.profile,
      statementTimeoutMs: 5_000,
      connectTimeoutMs: 5_000,
    });
    schema = await detectSchema(db, database.profile);
    sql = buildSessionSql(schema);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const input = (search: string): SessionListInput =>
    sessionListInputSchema.parse({ filter: { search, status: 'all', nasIp: null }, pageSize: 4 });

  async function ids(
    listed: SessionListInput,
    named: readonly string[] | null,
    route: PageRoute,
  ): Promise<string[]> {
    const query = sessionPageSql(
      schema,
      sql,
      { ...listed, limit: 100, namedUsernames: named, route },
      everything,
    );
    const rows = await db.arrays(query.text, query.values);
    return rows.map((row) => String(row[0]));
  }

  it('gives the list up to the cap and nothing past it', async () => {
    const filter = input('sara karimi').filter;
    // "Sara Karimi", "Sara Karimipour" and "Nika Sara Karimi" hold it, case aside.
    const listed = await fullNameUsernames(db, sql, filter, 3);
    expect([...(listed ?? [])].sort()).toEqual([
      'u0@isp.example',
      'u1@isp.example',
      'u2@isp.example',
    ]);
    await expect(fullNameUsernames(db, sql, filter, 2)).resolves.toBeNull();
    // Online searches and non-name shapes never read the list.
    await expect(
      fullNameUsernames(db, sql, { ...filter, status: 'online' }, 3),
    ).resolves.toBeNull();
    await expect(fullNameUsernames(db, sql, input('100.64.1').filter, 3)).resolves.toBeNull();
  });

  it('finds the same sessions in the same order past the cap as below it', async () => {
    for (const search of ['sara karimi', 'Karimi', 'Omid', 'nobody here']) {
      const listed = input(search);
      const names = await fullNameUsernames(db, sql, listed.filter, 100);
      expect(names).not.toBeNull();
      for (const route of [
        { kind: 'planner' },
        { kind: 'walk', window: 5 },
        { kind: 'matchesFirst' },
      ] as PageRoute[]) {
        const viaList = await ids(listed, names, route);
        const viaSubquery = await ids(listed, null, route);
        expect(viaSubquery, `${search} (${route.kind})`).toEqual(viaList);
      }
      // Every session of every matching subscriber, newest first.
      const all = await ids(listed, null, { kind: 'planner' });
      expect(all.length, search).toBe((names?.length ?? 0) * 3);
    }
  });
});
