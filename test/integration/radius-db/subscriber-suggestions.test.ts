// Find subscriber's suggestions against a real PostgreSQL: any part of a username or full
// name, any case, those starting with it first, a handful at most, within the operator's
// scope; a typed % or _ matches itself. Stock schema: the online set and the last week only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberSuggestionLimit } from '@contract';
import { everything, type OperatorScope } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addReseller, addSubscriber, insertSessions, offline, online } from '../../support/seed';

const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();
const names = (found: { username: string }[]) => found.map((suggestion) => suggestion.username);

describe('Find subscriber suggestions, panel tables', () => {
  let database: TestDatabase;
  let db: RadiusDb;
  let north: OperatorScope;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    const northId = await addReseller(pool, 'North Fiber');
    const southId = await addReseller(pool, 'South Fiber');
    north = { kind: 'reseller', resellerId: northId };
    await addSubscriber(pool, {
      username: 'ana.ortega@fibra.example',
      fullName: 'Ana Ortega',
      resellerId: northId,
    });
    await addSubscriber(pool, {
      username: 'mariana.ortega@fibra.example',
      fullName: 'Mariana Ortega',
      resellerId: southId,
    });
    await addSubscriber(pool, {
      username: 'luis@fibra.example',
      fullName: 'Luis Ortega Ruiz',
      resellerId: northId,
    });
    await addSubscriber(pool, { username: 'odd_50%@isp.example', resellerId: northId });
    for (let i = 0; i < 12; i += 1) {
      await addSubscriber(pool, { username: `bulk${i}@fibra.example`, resellerId: northId });
    }
    db = await openRadiusDb(database.profile);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('finds a partial username whatever its case, those starting with the text first', async () => {
    // "mariana.ortega" holds "ana.ort" too, after the one that starts with it.
    expect(names(await db.subscriberSuggestions('ANA.ORT', everything))).toEqual([
      'ana.ortega@fibra.example',
      'mariana.ortega@fibra.example',
    ]);
    expect(names(await db.subscriberSuggestions('LUIS', everything))).toEqual([
      'luis@fibra.example',
    ]);
  });

  it('finds by full name, and says the full name', async () => {
    const found = await db.subscriberSuggestions('ortega ruiz', everything);
    expect(found).toEqual([{ username: 'luis@fibra.example', fullName: 'Luis Ortega Ruiz' }]);
  });

  it('lists a handful at most', async () => {
    expect(await db.subscriberSuggestions('fibra', everything)).toHaveLength(
      subscriberSuggestionLimit,
    );
  });

  it('keeps to the reseller tree of a scoped operator', async () => {
    expect(names(await db.subscriberSuggestions('ortega', north))).toEqual([
      'ana.ortega@fibra.example',
      'luis@fibra.example',
    ]);
    expect(await db.subscriberSuggestions('ortega', { kind: 'none' })).toEqual([]);
  });

  it('matches a typed % or _ literally', async () => {
    expect(names(await db.subscriberSuggestions('_50%', everything))).toEqual([
      'odd_50%@isp.example',
    ]);
    expect(await db.subscriberSuggestions('%', everything)).toEqual([
      { username: 'odd_50%@isp.example', fullName: null },
    ]);
  });
});

describe('Find subscriber suggestions, stock schema', () => {
  let database: TestDatabase;
  let db: RadiusDb;

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock' });
    await insertSessions(database.pool(), [
      online({ username: 'Eva.Online@isp.example', start: daysAgo(40) }),
      offline({ username: 'eva.lastweek@isp.example', start: daysAgo(3) }, daysAgo(2)),
      offline({ username: 'eva.longago@isp.example', start: daysAgo(30) }, daysAgo(29)),
    ]);
    db = await openRadiusDb(database.profile);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('looks at the online set and the last week, never the whole history', async () => {
    expect(names(await db.subscriberSuggestions('EVA', everything))).toEqual([
      'eva.lastweek@isp.example',
      'Eva.Online@isp.example',
    ]);
  });
});
