// A GraphQL client library as a second real client (graphql-request, as a billing script or
// a support bot would use it): documents with variables, the answers it types, the errors it
// raises with their codes, and its batch API refused. On a stock FreeRADIUS database, which
// has no panel subscribers table: userId says so and offers the username variant.
import { ClientError, GraphQLClient, batchRequests, gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../support/app-server';
import { apiServerFor, createApiToken } from '../../support/automation-api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, offline, online } from '../../support/seed';

interface OnlineSessions {
  getOnlineSessionsByUsername: {
    id: string;
    sessionId: string;
    nasIpAddress: string;
    startTime: string;
    framedIpAddress: string | null;
  }[];
}

const byUsername = gql`
  query sessionsOf($username: String!) {
    getOnlineSessionsByUsername(username: $username) {
      id
      sessionId
      nasIpAddress
      startTime
      framedIpAddress
    }
  }
`;

let database: TestDatabase;
let app: AppServer;
let apiUrl: string;
let token: string;
let client: GraphQLClient;
let aliceIds: string[];

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock' });
  aliceIds = await insertSessions(database.pool(), [
    online({
      username: 'alice@fiber',
      nas: '10.0.0.1',
      ip: '100.64.0.1',
      start: '2026-11-21T07:00:00Z',
      sessionId: 'a1',
    }),
    online({
      username: 'alice@fiber',
      nas: '10.0.0.2',
      ip: '100.64.0.2',
      start: '2026-11-21T08:30:00.25Z',
      sessionId: 'a2',
    }),
    offline({ username: 'alice@fiber', nas: '10.0.0.1', ip: '100.64.0.3' }),
    online({ username: 'bob@fiber', nas: '10.0.0.1', ip: '100.64.0.4' }),
  ]);
  ({ app, apiUrl } = await apiServerFor(database, { name: 'stock' }));
  token = await createApiToken(app.harness, { name: 'client', scope: { kind: 'admin' } });
  client = new GraphQLClient(apiUrl, { headers: { Authorization: `Bearer ${token}` } });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

/** The ClientError a request raises; fails the test when it succeeds. */
async function clientError(request: Promise<unknown>): Promise<ClientError> {
  try {
    await request;
  } catch (error) {
    expect(error).toBeInstanceOf(ClientError);
    return error as ClientError;
  }
  throw new Error('the request succeeded');
}

describe('graphql-request against the API', () => {
  it('reads a username’s open sessions with variables, oldest first, times in UTC', async () => {
    const answer = await client.request<OnlineSessions>(byUsername, { username: 'alice@fiber' });
    expect(answer).toEqual({
      getOnlineSessionsByUsername: [
        {
          id: aliceIds[0],
          sessionId: 'a1',
          nasIpAddress: '10.0.0.1',
          startTime: '2026-11-21T07:00:00Z',
          framedIpAddress: '100.64.0.1',
        },
        {
          id: aliceIds[1],
          sessionId: 'a2',
          nasIpAddress: '10.0.0.2',
          startTime: '2026-11-21T08:30:00.25Z',
          framedIpAddress: '100.64.0.2',
        },
      ],
    });
    expect(await client.request<OnlineSessions>(byUsername, { username: 'nobody@fiber' })).toEqual({
      getOnlineSessionsByUsername: [],
    });
  });

  it('gets the no-panel-tables error for userId, offering the username variant', async () => {
    const error = await clientError(
      client.request(gql`
        {
          getOnlineSessions(userId: 12345) {
            id
          }
        }
      `),
    );
    expect(error.response.status).toBe(200);
    expect(error.response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /this database does not have \(it is a stock FreeRADIUS database\)\. Ask by RADIUS username instead: getOnlineSessionsByUsername/,
        ),
        extensions: { code: 'BAD_USER_INPUT', useInstead: 'getOnlineSessionsByUsername' },
      }),
    ]);
  });

  it('gets 400 and BAD_USER_INPUT for a variable of the wrong type, naming it', async () => {
    const error = await clientError(client.request(byUsername, { username: 42 }));
    expect(error.response.status).toBe(400);
    expect(error.response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^Variable "\$username" got invalid value 42; String cannot represent a non string value/,
      ),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('gets 400 and GRAPHQL_VALIDATION_FAILED for a field the schema has not', async () => {
    const error = await clientError(
      client.request(gql`
        {
          getOnlineSessions(userId: 1) {
            password
          }
        }
      `),
    );
    expect(error.response.status).toBe(400);
    expect(error.response.errors?.[0]).toMatchObject({
      message: 'Cannot query field "password" on type "OnlineSession".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('gets FORBIDDEN for a reseller token on a database without reseller tables', async () => {
    const resellerToken = await createApiToken(app.harness, {
      name: 'reseller',
      scope: { kind: 'reseller', resellerId: 2 },
    });
    const reseller = new GraphQLClient(apiUrl, {
      headers: { Authorization: `Bearer ${resellerToken}` },
    });
    const error = await clientError(reseller.request(byUsername, { username: 'alice@fiber' }));
    expect(error.response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^The API token "reseller" is limited to reseller 2, but this database has no reseller tables/,
      ),
      extensions: { code: 'FORBIDDEN', reason: 'scope-unavailable' },
    });
  });

  it('gets 401 without its token', async () => {
    const error = await clientError(
      new GraphQLClient(apiUrl).request(byUsername, { username: 'alice@fiber' }),
    );
    expect(error.response.status).toBe(401);
    expect(error.response.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('has its batch API refused: one operation per request', async () => {
    const error = await clientError(
      batchRequests(
        apiUrl,
        [
          { document: byUsername, variables: { username: 'alice@fiber' } },
          { document: byUsername, variables: { username: 'bob@fiber' } },
        ],
        { Authorization: `Bearer ${token}` },
      ),
    );
    expect(error.response.status).toBe(400);
    expect(error.response.body).toContain(
      'Batched queries are not accepted: send one operation per request.',
    );
  });

  it('gets DATABASE_UNAVAILABLE, in words, while the database does not answer', async () => {
    const down = await startAppServer();
    try {
      const profile = await down.harness.ok('profiles.save', {
        id: null,
        name: 'down',
        host: '127.0.0.1',
        // Nothing listens on port 1 (privileged, unassigned).
        port: 1,
        database: 'radius',
        user: 'radius',
        sslMode: 'disable',
        password: null,
      });
      expect((await down.harness.call('profiles.connect', { id: profile.id })).ok).toBe(false);
      const downToken = await createApiToken(down.harness, {
        name: 'bot',
        scope: { kind: 'admin' },
      });
      const downClient = new GraphQLClient(`${new URL(down.server.url).origin}/graphql`, {
        headers: { Authorization: `Bearer ${downToken}` },
      });
      const error = await clientError(downClient.request(byUsername, { username: 'alice@fiber' }));
      expect(error.response.status).toBe(200);
      expect(error.response.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/127\.0\.0\.1/),
        extensions: { code: 'DATABASE_UNAVAILABLE' },
      });
    } finally {
      await down.close();
    }
  });
});
