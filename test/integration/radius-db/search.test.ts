import { F } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { listInput, operatorErrorOf } from '../../support/radius-db-helpers';
import { insertSessions, offline, online } from '../../support/seed';

describe('searching sessions', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await insertSessions(database.pool(), [
      online({ username: 'alice@isp.example', ip: '100.64.1.5', mac: 'AA:BB:CC:00:11:22' }),
      online({ username: 'bob@isp.example', ip: '100.64.1.57', mac: 'aa:bb:cc:00:11:33' }),
      online({ username: 'carol@isp.example', ip: '100.64.2.50', mac: 'DE:AD:BE:EF:00:01' }),
      online({ username: 'under_score', ip: '10.1.1.1' }),
      online({ username: 'underXscore', ip: '10.1.1.2' }),
      online({ username: '100%real', ip: '10.1.1.3' }),
      online({ username: '100 real', ip: '10.1.1.4' }),
      online({ username: 'back\\slash', ip: '10.1.1.5' }),
      online({ username: 'backxslash', ip: '10.1.1.6' }),
      offline({ username: 'alice@isp.example', ip: '100.64.1.9' }),
      offline({ username: 'dave@isp.example', ip: '100.64.3.3' }),
    ]);
    db = await openRadiusDb(database.profile);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const usernames = async (search: string, status: 'online' | 'offline' | 'all' = 'online') => {
    const page = await db.listSessions(
      listInput({ search, status, sort: { column: 'username', direction: 'asc' } }),
      everything,
    );
    return page.rows.map((row) => row[F.username]).sort();
  };

  it('finds sessions by part of an inet framed IP, matching the address not "/32"', async () => {
    await expect(usernames('64.1.5')).resolves.toEqual(['alice@isp.example', 'bob@isp.example']);
    await expect(usernames('100.64.1.5')).resolves.toEqual([
      'alice@isp.example',
      'bob@isp.example',
    ]);
    await expect(usernames('/32')).resolves.toEqual([]);
  });

  it('returns the framed IP without a prefix length', async () => {
    const page = await db.listSessions(listInput({ search: 'carol' }), everything);
    expect(page.rows[0]?.[F.framedIp]).toBe('100.64.2.50');
  });

  it('matches % and _ literally', async () => {
    await expect(usernames('under_')).resolves.toEqual(['under_score']);
    await expect(usernames('_')).resolves.toEqual(['under_score']);
    await expect(usernames('100%')).resolves.toEqual(['100%real']);
    await expect(usernames('%')).resolves.toEqual(['100%real']);
  });

  it('matches a backslash literally', async () => {
    await expect(usernames('k\\s')).resolves.toEqual(['back\\slash']);
  });

  it('finds a MAC whatever its case', async () => {
    await expect(usernames('aa:bb:cc:00')).resolves.toEqual([
      'alice@isp.example',
      'bob@isp.example',
    ]);
    await expect(usernames('de:ad:be')).resolves.toEqual(['carol@isp.example']);
  });

  it('finds usernames case-insensitively and trims what was typed', async () => {
    await expect(usernames('  ALICE ')).resolves.toEqual(['alice@isp.example']);
  });

  it('searches the online set with a single character', async () => {
    await expect(usernames('@')).resolves.toHaveLength(3);
  });

  it('searches offline and all history with 3+ characters', async () => {
    await expect(usernames('alice', 'offline')).resolves.toEqual(['alice@isp.example']);
    await expect(usernames('alice', 'all')).resolves.toEqual([
      'alice@isp.example',
      'alice@isp.example',
    ]);
    await expect(usernames('64.3.', 'offline')).resolves.toEqual(['dave@isp.example']);
  });

  it('rejects a 1-2 character search over history with INVALID_INPUT', async () => {
    for (const status of ['offline', 'all'] as const) {
      for (const search of ['a', 'al', ' al ']) {
        const error = await operatorErrorOf(
          db.listSessions(listInput({ search, status }), everything),
        );
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.message).toMatch(/^Type at least 3 characters to search history/);
      }
    }
  });

  it('rejects a NAS filter that is not an address with INVALID_INPUT', async () => {
    const error = await operatorErrorOf(
      db.listSessions(listInput({ nasIp: 'router-1' }), everything),
    );
    expect(error.code).toBe('INVALID_INPUT');
  });
});
