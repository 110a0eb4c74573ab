// A stored secret goes only to the destination it was typed for. Whoever holds the bridge
// (a page in browser mode, a compromised renderer) may edit a profile or a NAS and ask for
// a test: the stored password must never reach a listener of their choosing. The listeners
// here record every byte they receive, so a password sent in any form is seen.
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileDraft } from '@contract';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { nasAccessDraft } from '../../support/nas-access-draft';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

const databasePassword = 'Stored-Db-Pa55word';
const apiPassword = 'Stored-Api-Pa55word';
const coaSecret = 'Stored-CoA-S3cret';

interface Listener {
  port: number;
  /** Everything every client sent, as latin1 text. */
  received(): string;
  close(): Promise<void>;
}

/**
 * A TCP listener on a loopback address. asPostgres: answers a startup message with
 * "send your password in clear" (what a hostile server would ask), so a client holding a
 * password hands it over.
 */
async function listen(host: string, asPostgres = false): Promise<Listener> {
  const chunks: Buffer[] = [];
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // SSLRequest (8 bytes, code 80877103): "no TLS here".
      if (asPostgres && chunk.length === 8 && chunk.readInt32BE(4) === 80877103) {
        socket.write('N');
      } else if (asPostgres && chunks.length <= 2) {
        // AuthenticationCleartextPassword.
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
      } else {
        socket.destroy();
      }
    });
    // A RouterOS API listener that never answers: the login times out after sending.
  });
  server.listen(0, host);
  await once(server, 'listening');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received: () => Buffer.concat(chunks).toString('latin1'),
    close: () =>
      new Promise((done) => {
        server.close(() => done());
      }),
  };
}

let database: TestDatabase;
let app: ServiceHarness;
const listeners: Listener[] = [];

async function listener(host: string, asPostgres = false): Promise<Listener> {
  const opened = await listen(host, asPostgres);
  listeners.push(opened);
  return opened;
}

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  app = openServiceHarness(undefined, {
    disconnect: { timing: { apiTimeoutMs: 500, coaTries: 1, coaFirstWaitMs: 200 } },
  });
});

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((opened) => opened.close()));
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('the database password of a profile', () => {
  async function savedProfile(overrides: Partial<ProfileDraft>): Promise<ProfileDraft> {
    const draft = draftFor(database.profile, `p-${Math.random()}`, {
      sslMode: 'disable',
      password: databasePassword,
      ...overrides,
    });
    const saved = await app.ok('profiles.save', draft);
    return { ...draft, id: saved.id, password: null };
  }

  it('is sent where it was typed for (the listener would see it)', async () => {
    const own = await listener('127.0.0.1', true);
    const profile = await savedProfile({ host: '127.0.0.1', port: own.port });
    await app.call('profiles.test', profile);
    expect(own.received()).toContain(databasePassword);
  });

  it('never follows a test to another host or port', async () => {
    const profile = await savedProfile({});
    const elsewhere = await listener('127.0.0.3', true);
    await app.call('profiles.test', { ...profile, host: '127.0.0.3', port: elsewhere.port });
    expect(elsewhere.received()).toContain('user'); // the client did connect and log in
    expect(elsewhere.received()).not.toContain(databasePassword);
  });

  it('never follows a test to another user or SSL mode of its own server', async () => {
    const own = await listener('127.0.0.1', true);
    const profile = await savedProfile({ host: '127.0.0.1', port: own.port });
    await app.call('profiles.test', { ...profile, user: 'someone_else' });
    await app.call('profiles.test', { ...profile, sslMode: 'prefer' });
    expect(own.received()).toContain('someone_else');
    expect(own.received()).not.toContain(databasePassword);
  });

  it('is cleared when a save moves the profile, kept when only its name or database changes', async () => {
    const profile = await savedProfile({});
    const renamed = await app.ok('profiles.save', { ...profile, name: 'renamed', database: 'x' });
    expect(renamed.passwordSet).toBe(true);
    const moved = await app.ok('profiles.save', { ...profile, name: 'renamed', port: 6543 });
    expect(moved.passwordSet).toBe(false);
    expect(app.store.profiles.get(profile.id!)?.password).toBeNull();
    // Typed again with the move, it is kept.
    const retyped = await app.ok('profiles.save', {
      ...profile,
      port: 7654,
      password: databasePassword,
    });
    expect(retyped.passwordSet).toBe(true);
  });
});

describe('the API password and CoA secret of a NAS', () => {
  const nasIp = '127.0.10.77';

  beforeAll(async () => {
    const profile = await app.ok('profiles.save', draftFor(database.profile, 'nas-secrets'));
    await app.ok('profiles.connect', { id: profile.id });
  });

  it('a new API port clears the stored password: Test NAS never sends it there', async () => {
    const own = await listener(nasIp);
    await app.ok(
      'nasAccess.save',
      nasAccessDraft({ nasIp, apiUser: 'noc', apiPassword, apiPort: own.port, coaSecret }),
    );
    await app.ok('nasAccess.test', { nasIp });
    expect(own.received()).toContain(apiPassword);

    const elsewhere = await listener(nasIp);
    const moved = await app.ok(
      'nasAccess.save',
      nasAccessDraft({ nasIp, apiUser: 'noc', apiPort: elsewhere.port }),
    );
    expect(moved).toMatchObject({ apiPasswordSet: false, coaSecretSet: true });
    await app.ok('nasAccess.test', { nasIp });
    expect(elsewhere.received()).not.toContain(apiPassword);
  });

  it.each([
    ['another API user', { apiUser: 'other' }],
    ['TLS turned off', { apiTls: false }],
    ['another pinned certificate', { apiTlsFingerprint: 'CD'.repeat(32) }],
    ['the pin forgotten', { apiTlsFingerprint: '' }],
  ])('%s clears the stored API password', async (_what, change) => {
    const pinned = {
      nasIp,
      apiUser: 'noc',
      apiPort: 8729,
      apiTls: true,
      apiTlsFingerprint: 'AB'.repeat(32),
    };
    await app.ok('nasAccess.save', nasAccessDraft({ ...pinned, apiPassword, coaSecret }));
    const saved = await app.ok('nasAccess.save', nasAccessDraft({ ...pinned, ...change }));
    expect(saved).toMatchObject({ apiPasswordSet: false, coaSecretSet: true });
  });

  it('a new CoA port clears the stored CoA secret; the API password stays', async () => {
    await app.ok('nasAccess.save', nasAccessDraft({ nasIp, apiPassword, coaSecret }));
    const saved = await app.ok('nasAccess.save', nasAccessDraft({ nasIp, coaPort: 1700 }));
    expect(saved).toMatchObject({ apiPasswordSet: true, coaSecretSet: false });
  });

  it('nothing is cleared when the destination stays, or when the secret is typed again', async () => {
    await app.ok('nasAccess.save', nasAccessDraft({ nasIp, apiPassword, coaSecret }));
    expect(await app.ok('nasAccess.save', nasAccessDraft({ nasIp }))).toMatchObject({
      apiPasswordSet: true,
      coaSecretSet: true,
    });
    const retyped = await app.ok(
      'nasAccess.save',
      nasAccessDraft({ nasIp, apiPort: 9999, apiPassword, coaPort: 1700, coaSecret }),
    );
    expect(retyped).toMatchObject({ apiPasswordSet: true, coaSecretSet: true });
  });
});
