import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, offline, online } from '../../support/seed';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

let core: TestDatabase;
let branch: TestDatabase;
let empty: TestDatabase;
let app: ServiceHarness;

beforeAll(async () => {
  [core, branch, empty] = await Promise.all([
    createTestDatabase({ schema: 'stock+panel' }),
    createTestDatabase({ schema: 'stock' }),
    createTestDatabase({ schema: 'empty' }),
  ]);
  await insertSessions(core.pool(), [
    online({ username: 'alice@isp.example', nas: '127.0.10.1', ip: '100.64.1.5' }),
    online({ username: 'bob@isp.example', nas: '127.0.10.2', ip: '100.64.1.6' }),
    offline({ username: 'carol@isp.example', nas: '127.0.10.1', ip: '100.64.9.9' }),
  ]);
  await insertSessions(branch.pool(), [
    online({ username: 'dave@branch.example', nas: '127.0.10.3', ip: '100.65.0.1' }),
  ]);
  app = openServiceHarness();
});

afterAll(async () => {
  await app.close();
  await Promise.all([core.drop(), branch.drop(), empty.drop()]);
});

describe('connection profiles through the service', () => {
  it('tests an unsaved profile and reports the schema and the online count', async () => {
    const report = await app.ok('profiles.test', draftFor(core.profile, 'core'));
    expect(report.online).toBe(2);
    expect(report.schema.panelTables).toBe(true);
    expect(report.serverVersion).toMatch(/PostgreSQL \d+/);
  });

  it('says what is wrong with a bad profile, in words', async () => {
    const refused = await app.call('profiles.test', draftFor(core.profile, 'x', { port: 1 }));
    expect(refused.ok || refused.error).toMatchObject({ code: 'DB_UNREACHABLE' });
    expect(refused.ok || refused.error.message).toMatch(/127\.0\.0\.1:1/);

    const missing = await app.call(
      'profiles.test',
      draftFor(core.profile, 'x', { database: 'no_such_radius_db' }),
    );
    expect(missing.ok || missing.error).toMatchObject({ code: 'DB_NOT_FOUND' });
    expect(missing.ok || missing.error.message).toContain('no_such_radius_db');

    const notRadius = await app.call('profiles.test', draftFor(empty.profile, 'x'));
    expect(notRadius.ok || notRadius.error).toMatchObject({ code: 'NOT_FREERADIUS' });
    expect(notRadius.ok || notRadius.error.message).toMatch(/radacct/);
  });

  it('keeps the password sealed and never returns it', async () => {
    const saved = await app.ok(
      'profiles.save',
      draftFor(core.profile, 'core', { password: 'Sw0rdfish-core' }),
    );
    expect(saved).not.toHaveProperty('password');
    expect(saved.passwordSet).toBe(true);
    const listed = await app.ok('profiles.list', {});
    expect(JSON.stringify(listed)).not.toContain('Sw0rdfish-core');
    const file = readFileSync(join(app.dataFolder, 'session-desk.sqlite'));
    expect(file.includes(Buffer.from('Sw0rdfish-core'))).toBe(false);
    // Put the real password back (the embedded server checks it).
    await app.ok('profiles.save', { ...draftFor(core.profile, 'core'), id: saved.id });
  });

  it('connects, lists sessions, and switches profile without a restart', async () => {
    const profiles = await app.ok('profiles.list', {});
    const coreId = profiles.find((p) => p.name === 'core')!.id;
    const branchProfile = await app.ok('profiles.save', draftFor(branch.profile, 'branch'));

    expect(await app.ok('profiles.connect', { id: coreId })).toMatchObject({
      kind: 'connected',
      profileName: 'core',
    });
    const page = await app.ok('sessions.list', { filter: { search: '64.1.' } });
    expect(page.rows.map((row) => row[1]).sort()).toEqual(['alice@isp.example', 'bob@isp.example']);
    expect((await app.ok('sessions.stats', {})).online).toBe(2);

    await app.ok('profiles.connect', { id: branchProfile.id });
    const branchPage = await app.ok('sessions.list', { filter: {} });
    expect(branchPage.rows.map((row) => row[1])).toEqual(['dave@branch.example']);
    expect(await app.ok('connection.status', {})).toMatchObject({ profileName: 'branch' });
  });

  it('keeps saved filters per profile', async () => {
    const profiles = await app.ok('profiles.list', {});
    const coreId = profiles.find((p) => p.name === 'core')!.id;
    const branchId = profiles.find((p) => p.name === 'branch')!.id;
    await app.ok('profiles.connect', { id: coreId });
    await app.ok('filters.save', {
      name: 'NAS 1 online',
      filter: { search: '', status: 'online', nasIp: '127.0.10.1' },
      sort: { column: 'username', direction: 'asc' },
      pageSize: 250,
    });
    await app.ok('profiles.connect', { id: branchId });
    expect(await app.ok('filters.list', {})).toEqual([]);
    await app.ok('profiles.connect', { id: coreId });
    expect((await app.ok('filters.list', {})).map((f) => f.name)).toEqual(['NAS 1 online']);
  });

  it('answers NO_PROFILE for session calls before any profile is chosen', async () => {
    const fresh = openServiceHarness();
    try {
      const result = await fresh.call('sessions.list', { filter: {} });
      expect(result.ok || result.error.code).toBe('NO_PROFILE');
    } finally {
      await fresh.close();
    }
  });

  it('reopens the last profile after a restart', async () => {
    const profiles = await app.ok('profiles.list', {});
    await app.ok('profiles.connect', { id: profiles.find((p) => p.name === 'core')!.id });
    const restarted = openServiceHarness(app.dataFolder);
    try {
      await restarted.service.resume();
      expect(await restarted.ok('connection.status', {})).toMatchObject({
        kind: 'connected',
        profileName: 'core',
      });
    } finally {
      await restarted.close();
    }
  });
});
