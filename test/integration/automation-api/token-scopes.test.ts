// What a token sees, through the real endpoint, as real PostgreSQL roles: an admin token
// sees what the profile's operator sees, a reseller token only its reseller's tree and never
// beyond the operator's; a subscriber outside reads exactly as one that does not exist; a
// missing, revoked, expired or foreign token gets 401, and an operator without
// sessions.view gets FORBIDDEN.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ApiTokenScope } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../../support/app-server';
import { apiServerFor, createApiToken, postGraphql } from '../../support/automation-api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addOperator, installOperatorsTable, operatorRoles } from '../../support/operator-roles';
import { seedResellerTree, type ResellerTreeSeed } from '../../support/reseller-tree';

const query = 'query q($userId: Int!) { getOnlineSessions(userId: $userId) { id } }';
const byUsername =
  'query q($username: String!) { getOnlineSessionsByUsername(username: $username) { id } }';

const roles = operatorRoles();
let database: TestDatabase;
let tree: ResellerTreeSeed['resellers'];
/** subscribers.id by username. */
let ids: Record<string, number>;
/** The online session id by username, as psql would read it. */
let online: Record<string, string>;
let admin: { app: AppServer; apiUrl: string };
let north: { app: AppServer; apiUrl: string };
let nobody: { app: AppServer; apiUrl: string };

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const pool = database.pool();
  ({ resellers: tree } = await seedResellerTree(pool));
  const subscribers = await pool.query<{ id: number; username: string }>(
    'SELECT id, username FROM subscribers',
  );
  ids = Object.fromEntries(subscribers.rows.map((row) => [row.username, row.id]));
  const sessions = await pool.query<{ id: string; username: string }>(
    'SELECT radacctid::text AS id, username FROM radacct WHERE acctstoptime IS NULL',
  );
  online = Object.fromEntries(sessions.rows.map((row) => [row.username, row.id]));
  // The test's own role ran the script: it is the admin.
  await installOperatorsTable(pool);
  const northRole = await roles.create('north', [database]);
  await addOperator(pool, northRole.role, { userType: 'reseller', resellerId: tree.north });
  const unlisted = await roles.create('unlisted', [database]);
  admin = await apiServerFor(database, { name: 'admin' });
  north = await apiServerFor(database, { as: northRole.profile, name: 'north' });
  nobody = await apiServerFor(database, { as: unlisted.profile, name: 'unlisted' });
});

afterAll(async () => {
  for (const server of [admin, north, nobody]) await server?.app.close();
  await database?.drop();
  await roles.drop();
});

async function tokenOf(
  server: { app: AppServer },
  scope: ApiTokenScope | ((resellers: typeof tree) => ApiTokenScope),
): Promise<string> {
  const name = `token-${Math.random().toString(36).slice(2, 8)}`;
  const given = typeof scope === 'function' ? scope(tree) : scope;
  return createApiToken(server.app.harness, { name, scope: given });
}

/** The session ids a token gets for a username, or the error code and message. */
async function sessionsOf(
  server: { apiUrl: string },
  token: string,
  username: string,
): Promise<string[] | { code: unknown; message: string }> {
  const answer = await postGraphql(server.apiUrl, token, {
    query,
    variables: { userId: ids[username] },
  });
  expect(answer.status).toBe(200);
  if (answer.body.errors) {
    const [error] = answer.body.errors;
    return { code: error!.extensions?.code, message: error!.message };
  }
  return (answer.body.data!.getOnlineSessions as { id: string }[]).map((session) => session.id);
}

const notFound = (username: string) => ({
  code: 'NOT_FOUND',
  message: `No subscriber has userId ${ids[username]} (subscribers.id), or it is outside what this token may see.`,
});

describe('an admin token', () => {
  it('sees every subscriber an admin operator sees', async () => {
    const token = await tokenOf(admin, { kind: 'admin' });
    for (const username of ['top1@isp', 'sw1@isp', 'nef1@isp', 'free1@isp']) {
      expect(await sessionsOf(admin, token, username)).toEqual([online[username]]);
    }
  });

  it("sees only a reseller operator's tree", async () => {
    const token = await tokenOf(north, { kind: 'admin' });
    expect(await sessionsOf(north, token, 'nef1@isp')).toEqual([online['nef1@isp']]);
    expect(await sessionsOf(north, token, 'south1@isp')).toEqual(notFound('south1@isp'));
    expect(await sessionsOf(north, token, 'free1@isp')).toEqual(notFound('free1@isp'));
  });
});

describe('a reseller token', () => {
  it("sees its reseller's tree only; outside reads as a subscriber that does not exist", async () => {
    const token = await tokenOf(admin, (resellers) => ({
      kind: 'reseller',
      resellerId: resellers.northEast,
    }));
    expect(await sessionsOf(admin, token, 'ne1@isp')).toEqual([online['ne1@isp']]);
    expect(await sessionsOf(admin, token, 'nef1@isp')).toEqual([online['nef1@isp']]);
    expect(await sessionsOf(admin, token, 'north1@isp')).toEqual(notFound('north1@isp'));

    const missing = await postGraphql(admin.apiUrl, token, {
      query,
      variables: { userId: 999_999 },
    });
    expect(missing.body.errors?.[0]?.message.replace('999999', 'N')).toBe(
      notFound('north1@isp').message.replace(String(ids['north1@isp']), 'N'),
    );
  });

  it('never sees beyond the operator: above it, the operator tree; beside it, nothing', async () => {
    const above = await tokenOf(north, (resellers) => ({
      kind: 'reseller',
      resellerId: resellers.top,
    }));
    expect(await sessionsOf(north, above, 'ne1@isp')).toEqual([online['ne1@isp']]);
    expect(await sessionsOf(north, above, 'top1@isp')).toEqual(notFound('top1@isp'));

    const beside = await tokenOf(north, (resellers) => ({
      kind: 'reseller',
      resellerId: resellers.south,
    }));
    expect(await sessionsOf(north, beside, 'north1@isp')).toEqual(notFound('north1@isp'));
    expect(await sessionsOf(north, beside, 'south1@isp')).toEqual(notFound('south1@isp'));
  });

  it('reads by username under the same scope', async () => {
    const token = await tokenOf(admin, (resellers) => ({
      kind: 'reseller',
      resellerId: resellers.south,
    }));
    const inside = await postGraphql(admin.apiUrl, token, {
      query: byUsername,
      variables: { username: 'sw1@isp' },
    });
    expect(inside.body).toEqual({
      data: { getOnlineSessionsByUsername: [{ id: online['sw1@isp'] }] },
    });
    const outside = await postGraphql(admin.apiUrl, token, {
      query: byUsername,
      variables: { username: 'north1@isp' },
    });
    expect(outside.body.errors?.[0]).toMatchObject({
      message: 'No subscriber "north1@isp", or it is outside what this token may see.',
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('401 without a valid token', () => {
  const expect401 = async (
    token: string | null,
    message: RegExp,
    headers: Record<string, string> = {},
    server = admin,
  ) => {
    const answer = await postGraphql(
      server.apiUrl,
      token,
      { query, variables: { userId: 1 } },
      headers,
    );
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="Session Desk"/);
    expect(answer.body).toEqual({
      errors: [
        { message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  };

  it('no token, another scheme, or one Session Desk does not know', async () => {
    await expect401(null, /^This request carries no API token/);
    await expect401(null, /must be "Bearer <token>"/, { Authorization: 'Basic dXNlcjpwYXNz' });
    await expect401('sdapi_not-a-real-token', /^Session Desk knows no such API token/);
    // The browser-mode token opens the page, not the API.
    await expect401(admin.app.server.token, /^Session Desk knows no such API token/);
  });

  it('a revoked token', async () => {
    const created = await admin.app.harness.ok('apiTokens.create', {
      name: 'revoked',
      scope: { kind: 'admin' },
    });
    expect(
      (await postGraphql(admin.apiUrl, created.secret, { query, variables: { userId: 1 } })).status,
    ).toBe(200);
    await admin.app.harness.ok('apiTokens.revoke', { id: created.token.id });
    await expect401(created.secret, /^The API token "revoked" was revoked on \d{4}-\d\d-\d\d\./);
  });

  it('an expired token', async () => {
    const created = await admin.app.harness.ok('apiTokens.create', {
      name: 'expired',
      scope: { kind: 'admin' },
    });
    // A day has passed since it expired.
    const store = new Database(join(admin.app.harness.dataFolder, 'session-desk.sqlite'));
    store
      .prepare('UPDATE api_token SET expires_at = ? WHERE id = ?')
      .run('2026-01-01T00:00:00.000Z', created.token.id);
    store.close();
    await expect401(created.secret, /^The API token "expired" expired on 2026-01-01\./);
  });

  it('a token of a profile that is not the open one', async () => {
    const other = await admin.app.harness.ok('profiles.save', {
      id: null,
      name: 'other',
      host: '127.0.0.1',
      port: 1,
      database: 'x',
      user: 'x',
      sslMode: 'disable',
      password: null,
    });
    const open = await admin.app.harness.ok('connection.status', {});
    if (open.kind === 'none') throw new Error('the admin profile should be open');
    // Made while the other profile is the active one, then the admin one is reopened.
    await admin.app.harness.call('profiles.connect', { id: other.id });
    const foreign = await createApiToken(admin.app.harness, {
      name: 'foreign',
      scope: { kind: 'admin' },
    });
    await admin.app.harness.ok('profiles.connect', { id: open.profileId });
    await expect401(
      foreign,
      /^The API token "foreign" belongs to the profile "other", and Session Desk has the profile "admin" open/,
    );
  });
});

describe('permissions of the operator', () => {
  it('an operator who may not see sessions gets FORBIDDEN, whatever the token', async () => {
    const token = await tokenOf(nobody, { kind: 'admin' });
    const answer = await postGraphql(nobody.apiUrl, token, {
      query,
      variables: { userId: ids['top1@isp'] },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: expect.stringMatching(
            /^You may not see sessions: the database role ".*" lacks the permission sessions\.view/,
          ),
          extensions: {
            code: 'FORBIDDEN',
            reason: 'permission-missing',
            permission: 'sessions.view',
          },
        }),
      ],
    });
  });
});
