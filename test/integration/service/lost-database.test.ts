import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCuttableLink, type CuttableLink } from '../../support/cuttable-link';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, online } from '../../support/seed';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

let db: TestDatabase;
let link: CuttableLink;
let app: ServiceHarness;
let profileId: number;

beforeAll(async () => {
  db = await createTestDatabase({ schema: 'stock' });
  await insertSessions(db.pool(), [online({ username: 'eve@isp.example', nas: '127.0.10.1' })]);
  link = await openCuttableLink(db.profile);
  app = openServiceHarness();
  const saved = await app.ok(
    'profiles.save',
    draftFor(db.profile, 'via link', { host: link.host, port: link.port }),
  );
  profileId = saved.id;
  await app.ok('profiles.connect', { id: profileId });
});

afterAll(async () => {
  await app.close();
  await link.close();
  await db.drop();
});

describe('a database that goes away and comes back', () => {
  it('reports the loss in words, then recovers by itself', async () => {
    expect((await app.ok('sessions.stats', {})).online).toBe(1);

    link.cut();
    const lost = await app.call('sessions.list', { filter: {} });
    expect(lost.ok || lost.error.code).toBe('DB_UNREACHABLE');
    expect(await app.ok('connection.status', {})).toMatchObject({ kind: 'lost' });

    link.restore();
    const back = await app.ok('sessions.list', { filter: {} });
    expect(back.rows.map((row) => row[1])).toEqual(['eve@isp.example']);
    expect(await app.ok('connection.status', {})).toMatchObject({ kind: 'connected' });
  });

  it('starts with the database down and comes up when it returns', async () => {
    link.cut();
    const restarted = openServiceHarness(app.dataFolder);
    try {
      await restarted.service.resume();
      expect(await restarted.ok('connection.status', {})).toMatchObject({
        kind: 'lost',
        profileId,
        error: { code: 'DB_UNREACHABLE' },
      });
      link.restore();
      expect((await restarted.ok('sessions.stats', {})).online).toBe(1);
      expect(await restarted.ok('connection.status', {})).toMatchObject({ kind: 'connected' });
    } finally {
      link.restore();
      await restarted.close();
    }
  });
});
