import type { NasAccessDraft } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { nasAccessFor } from '../../../src-main/service/nas-access-for';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';
import { auditEntry } from '../../support/audit-entry';
import { nasAccessDraft } from '../../support/nas-access-draft';

const northSecret = 'Radius-North-S3cret';
const southSecret = 'Radius-South-S3cret';
const apiPassword = 'Api-Pa55-noc';
const coaSecret = 'Typed-CoA-S3cret';

let database: TestDatabase;
let radius: RadiusDb;
let app: ServiceHarness;
let profileId: number;

/** No API user unless a test sets one. */
const draft = (overrides: Partial<NasAccessDraft>): NasAccessDraft =>
  nasAccessDraft({ apiUser: null, ...overrides });

const unconfigured = {
  apiUser: null,
  apiPort: 8728,
  apiTls: false,
  apiTlsFingerprint: null,
  coaPort: 3799,
  apiPasswordSet: false,
  coaSecretSet: false,
  requireMessageAuthenticator: false,
};

const noSecretIn = (value: unknown) => expect(JSON.stringify(value)).not.toMatch(/S3cret|Pa55/);

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  await database.pool().query(
    `INSERT INTO nas (nasname, shortname, secret)
     VALUES ('127.0.10.1', 'bng-north', $1), ('127.0.10.2', 'bng-south', $2)`,
    [northSecret, southSecret],
  );
  radius = await openRadiusDb(database.profile);
  app = openServiceHarness();
  profileId = (await app.ok('profiles.save', draftFor(database.profile, 'core'))).id;
  await app.ok('profiles.connect', { id: profileId });
});

afterAll(async () => {
  await app?.close();
  await radius?.close();
  await database?.drop();
});

describe('NAS credentials through the service', () => {
  it("list every NAS of FreeRADIUS's nas table as prefilled, without its secret", async () => {
    const listed = await app.ok('nasAccess.list', {});
    expect(listed).toEqual([
      { nasIp: '127.0.10.1', ...unconfigured, coaSecretFromRadius: true },
      { nasIp: '127.0.10.2', ...unconfigured, coaSecretFromRadius: true },
    ]);
    noSecretIn(listed);
  });

  it('save and return only whether secrets are set', async () => {
    const withApi = await app.ok(
      'nasAccess.save',
      draft({ nasIp: '127.0.10.1', apiUser: 'noc-api', apiPassword, apiTls: true, apiPort: 8729 }),
    );
    expect(withApi).toEqual({
      nasIp: '127.0.10.1',
      apiUser: 'noc-api',
      apiPort: 8729,
      apiTls: true,
      apiTlsFingerprint: null,
      coaPort: 3799,
      apiPasswordSet: true,
      coaSecretSet: false,
      coaSecretFromRadius: true,
      requireMessageAuthenticator: false,
    });
    const withCoa = await app.ok('nasAccess.save', draft({ nasIp: '127.0.10.2', coaSecret }));
    expect(withCoa).toMatchObject({ coaSecretSet: true, coaSecretFromRadius: false });
    const unknownToRadius = await app.ok(
      'nasAccess.save',
      draft({ nasIp: '127.0.10.10', coaSecret: null }),
    );
    expect(unknownToRadius).toMatchObject({ coaSecretSet: false, coaSecretFromRadius: false });
    noSecretIn([withApi, withCoa, unknownToRadius]);

    const listed = await app.ok('nasAccess.list', {});
    expect(listed.map((nas) => [nas.nasIp, nas.coaSecretSet, nas.coaSecretFromRadius])).toEqual([
      ['127.0.10.1', false, true],
      ['127.0.10.2', true, false],
      ['127.0.10.10', false, false],
    ]);
    noSecretIn(listed);
  });

  it('keep a stored secret when the draft says null and its port stays', async () => {
    const stored = app.store.nasAccess.get(profileId, '127.0.10.2')!;
    await app.ok('nasAccess.save', draft({ nasIp: '127.0.10.2', coaPort: stored.coaPort }));
    expect(app.store.nasAccess.get(profileId, '127.0.10.2')).toMatchObject({ coaSecret });
  });

  it('delete what was stored; FreeRADIUS still prefills the NAS', async () => {
    await app.ok('nasAccess.delete', { nasIp: '127.0.10.10' });
    await app.ok('nasAccess.delete', { nasIp: '127.0.10.1' });
    const listed = await app.ok('nasAccess.list', {});
    expect(listed.map((nas) => nas.nasIp)).toEqual(['127.0.10.1', '127.0.10.2']);
    expect(listed[0]).toEqual({ nasIp: '127.0.10.1', ...unconfigured, coaSecretFromRadius: true });
    const again = await app.call('nasAccess.delete', { nasIp: '127.0.10.10' });
    expect(again.ok || again.error.code).toBe('NOT_FOUND');
  });

  it('refuse a bad draft with words', async () => {
    const badPort = await app.call('nasAccess.save', draft({ apiPort: 70000 }));
    expect(badPort.ok || badPort.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(badPort.ok || badPort.error.message).toContain('API port must be between 1 and 65535');
    const noAddress = await app.call('nasAccess.save', draft({ nasIp: '  ' }));
    expect(noAddress.ok || noAddress.error.message).toContain('NAS address is required');
    const extra = await app.call('nasAccess.save', { ...draft({}), password: 'x' } as never);
    expect(extra.ok || extra.error.code).toBe('INVALID_INPUT');
  });

  it('fill the defaults a draft leaves out', async () => {
    const saved = await app.ok('nasAccess.save', {
      nasIp: '127.0.10.3',
      apiUser: 'noc-api',
      apiPassword: null,
      coaSecret: null,
    });
    expect(saved).toMatchObject({ apiPort: 8728, apiTls: false, coaPort: 3799 });
    await app.ok('nasAccess.delete', { nasIp: '127.0.10.3' });
  });

  it('answer NO_PROFILE before a profile is chosen', async () => {
    const fresh = openServiceHarness();
    try {
      const listed = await fresh.call('nasAccess.list', {});
      expect(listed.ok || listed.error.code).toBe('NO_PROFILE');
      const audit = await fresh.call('audit.list', {});
      expect(audit.ok || audit.error.code).toBe('NO_PROFILE');
    } finally {
      await fresh.close();
    }
  });
});

describe('nasAccessFor, for the disconnect pipeline', () => {
  it('uses the stored CoA secret over FreeRADIUS', async () => {
    await app.ok('nasAccess.save', draft({ nasIp: '127.0.10.2', coaSecret }));
    expect(await nasAccessFor(app.store, radius, profileId, '127.0.10.2')).toMatchObject({
      coaSecret,
      coaSecretSet: true,
      coaSecretFromRadius: false,
      requireMessageAuthenticator: false,
    });
  });

  it("falls back to FreeRADIUS's secret, keeping the stored API login", async () => {
    await app.ok(
      'nasAccess.save',
      draft({ nasIp: '127.0.10.1', apiUser: 'noc-api', apiPassword, coaSecret: '' }),
    );
    expect(await nasAccessFor(app.store, radius, profileId, '127.0.10.1')).toEqual({
      nasIp: '127.0.10.1',
      apiUser: 'noc-api',
      apiPort: 8728,
      apiTls: false,
      apiTlsFingerprint: null,
      coaPort: 3799,
      apiPasswordSet: true,
      coaSecretSet: false,
      coaSecretFromRadius: true,
      requireMessageAuthenticator: false,
      apiPassword,
      coaSecret: northSecret,
    });
  });

  it('gives the defaults and no secrets for a NAS nobody knows', async () => {
    expect(await nasAccessFor(app.store, radius, profileId, '127.0.10.99')).toEqual({
      nasIp: '127.0.10.99',
      ...unconfigured,
      coaSecretFromRadius: false,
      requireMessageAuthenticator: false,
      apiPassword: null,
      coaSecret: null,
    });
  });
});

describe('audit log through the service', () => {
  it('lists the active profile newest first and pages by beforeId', async () => {
    const recorded = ['alice', 'bob', 'carol'].map((username) =>
      app.store.audit.record(profileId, auditEntry({ username })),
    );
    app.store.audit.record(null, auditEntry({ username: 'not-this-profile' }));
    const newest = await app.ok('audit.list', {});
    expect(newest.map((entry) => entry.username)).toEqual(['carol', 'bob', 'alice']);
    expect(newest[0]).toEqual(recorded[2]);
    const older = await app.ok('audit.list', { limit: 1, beforeId: recorded[2]!.id });
    expect(older.map((entry) => entry.username)).toEqual(['bob']);
  });

  it('refuses a limit or a position outside the contract', async () => {
    for (const input of [{ limit: 0 }, { limit: 1001 }, { limit: 2.5 }, { beforeId: 0 }]) {
      const result = await app.call('audit.list', input);
      expect(result.ok || result.error.code, JSON.stringify(input)).toBe('INVALID_INPUT');
    }
    const zero = await app.call('audit.list', { limit: 0 });
    expect(zero.ok || zero.error.message).toContain('Limit must be at least 1');
    const before = await app.call('audit.list', { beforeId: 0 });
    expect(before.ok || before.error.message).toContain('beforeId must be an audit entry id');
  });
});
