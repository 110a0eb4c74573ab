// The spec's online-sessions API, run as the spec prints it: its curl command (address and
// token aside, byte for byte) through the real curl binary, and its query with its variables,
// against a real PostgreSQL with the panel tables. The answers must have the spec's shape and
// hold the rows psql reads from radacct.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../../support/app-server';
import {
  addSubscriberWithId,
  apiServerFor,
  createApiToken,
  onlineSessionsSql,
  postGraphql,
  psqlJson,
  shell,
} from '../../support/automation-api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, offline, online } from '../../support/seed';
import { setSessionExtras } from '../../support/subscriber-seed';

const fixtures = resolve(import.meta.dirname, '../../fixtures/online-sessions-api');
const fixture = (name: string): string => readFileSync(resolve(fixtures, name), 'utf8');
/** The spec itself, where the checkout has shared/ beside it (CI and the developers' trees). */
const specFile = resolve(import.meta.dirname, '../../../../shared/spec/online-sessions-api.txt');

const curlCommand = fixture('curl-command.sh');
const specQuery = fixture('query.graphql');
const specVariables = JSON.parse(fixture('variables.json')) as { userId: number };
const specResponse = JSON.parse(fixture('response-sessions.json')) as {
  data: { getOnlineSessions: Record<string, string>[] };
};
const specEmpty = JSON.parse(fixture('response-empty.json')) as unknown;

const userId = specVariables.userId;
/** The fields the curl command asks for, in its order. */
const curlFields = [
  'id',
  'sessionId',
  'nasIpAddress',
  'startTime',
  'framedIpAddress',
  'connectInfoStart',
];
const allFields = Object.keys(specResponse.data.getOnlineSessions[0]!);

let database: TestDatabase;
let app: AppServer;
let token: string;
let apiUrl: string;
let sessionIds: string[];

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const pool = database.pool();
  await addSubscriberWithId(pool, { id: userId, username: 'user12345@orbnet.example' });
  await addSubscriberWithId(pool, { id: 777, username: 'gone@orbnet.example' });
  // The spec's two sessions, as FreeRADIUS would have written them; an ended one of the
  // same user and an open one of someone else, which must not show.
  const [first, second] = await insertSessions(pool, [
    ...specResponse.data.getOnlineSessions.map((session) =>
      online({
        username: 'user12345@orbnet.example',
        sessionId: session.sessionId!,
        nas: session.nasIpAddress!,
        start: session.startTime!,
        mac: session.callingStationId!,
        ip: session.framedIpAddress!,
      }),
    ),
    offline({ username: 'user12345@orbnet.example', nas: '192.168.1.100', ip: '10.0.0.49' }),
    online({ username: 'someone-else@orbnet.example', nas: '192.168.1.100', ip: '10.0.0.52' }),
    offline({ username: 'gone@orbnet.example', nas: '192.168.1.101', ip: '10.0.0.53' }),
  ]);
  sessionIds = [first!, second!];
  for (const [index, session] of specResponse.data.getOnlineSessions.entries()) {
    await setSessionExtras(pool, sessionIds[index]!, {
      nasPortId: session.nasPortId!,
      nasPortType: session.nasPortType!,
      connectInfo: session.connectInfoStart!,
    });
  }
  ({ app, apiUrl } = await apiServerFor(database, { name: 'Orbnet' }));
  token = await createApiToken(app.harness, { name: 'spec', scope: { kind: 'admin' } });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe("the spec's curl command", () => {
  it('is the one the spec prints', () => {
    if (!existsSync(specFile)) {
      console.warn(`SKIPPED: ${specFile} is not beside this checkout; the fixture stands alone.`);
      return;
    }
    expect(readFileSync(specFile, 'utf8')).toContain(curlCommand);
  });

  it('answers with the sessions psql reads, in the fields and order it asks for', async () => {
    const printed = 'https://api.orbnet.com/graphql';
    expect(curlCommand.split(printed)).toHaveLength(2);
    expect(curlCommand.split('YOUR_TOKEN')).toHaveLength(2);
    const command = curlCommand.replace(printed, apiUrl).replace('YOUR_TOKEN', token);

    const answer = JSON.parse(await shell(command)) as {
      data: { getOnlineSessions: Record<string, string>[] };
    };

    const rows = await psqlJson(database.url, onlineSessionsSql(userId, curlFields));
    expect(answer).toEqual({ data: { getOnlineSessions: rows } });
    expect(answer.data.getOnlineSessions).toHaveLength(2);
    for (const session of answer.data.getOnlineSessions) {
      expect(Object.keys(session)).toEqual(curlFields);
    }
  });
});

describe("the spec's query and variables", () => {
  it("answer the spec's example response, with radacct's ids", async () => {
    const answer = await postGraphql(apiUrl, token, { query: specQuery, variables: specVariables });

    expect(answer.status).toBe(200);
    const expected = {
      data: {
        getOnlineSessions: specResponse.data.getOnlineSessions.map((session, index) => ({
          ...session,
          id: sessionIds[index],
        })),
      },
    };
    expect(answer.body).toEqual(expected);
    for (const session of answer.body.data!.getOnlineSessions as object[]) {
      expect(Object.keys(session)).toEqual(allFields);
    }
    expect(answer.body.data!.getOnlineSessions).toEqual(
      await psqlJson(database.url, onlineSessionsSql(userId, allFields)),
    );
  });

  it("answer a user with no open session with the spec's empty list", async () => {
    const answer = await postGraphql(apiUrl, token, {
      query: specQuery,
      variables: { userId: 777 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(specEmpty);
  });

  it('say a userId no subscriber has is not found, in words', async () => {
    const answer = await postGraphql(apiUrl, token, {
      query: specQuery,
      variables: { userId: 424242 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^No subscriber has userId 424242 \(subscribers\.id\)/),
        path: ['getOnlineSessions'],
        extensions: { code: 'NOT_FOUND' },
      }),
    ]);
  });
});
