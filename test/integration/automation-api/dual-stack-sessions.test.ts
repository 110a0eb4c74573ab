// Dual-stack and IPv6-only sessions through the spec's getOnlineSessions: exactly the spec's
// fields (no IPv6 field of our own), framedIpAddress the IPv4 when there is one, else the
// session's framed IPv6 address, else null (a prefix is a network, not an address).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../../support/app-server';
import {
  addSubscriberWithId,
  apiServerFor,
  createApiToken,
  postGraphql,
} from '../../support/automation-api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { insertSessions, online } from '../../support/seed';

const query = `query getOnlineSessions($userId: Int!) { getOnlineSessions(userId: $userId) {
  id sessionId nasIpAddress nasPortId nasPortType startTime connectInfoStart callingStationId
  framedIpAddress } }`;
const specFields = [
  'id',
  'sessionId',
  'nasIpAddress',
  'nasPortId',
  'nasPortType',
  'startTime',
  'connectInfoStart',
  'callingStationId',
  'framedIpAddress',
];

let database: TestDatabase;
let app: AppServer;
let token: string;
let apiUrl: string;

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const pool = database.pool();
  await addSubscriberWithId(pool, { id: 501, username: 'dual@isp.example' });
  await insertSessions(pool, [
    online({
      username: 'dual@isp.example',
      sessionId: 'a1',
      ip: '100.64.0.5',
      wanPrefix: '2001:db8:bb10:100::/64',
      delegatedPrefix: '2001:db8:aa10:100::/56',
      start: '2026-11-21T08:00:00Z',
    }),
    online({
      username: 'dual@isp.example',
      sessionId: 'a2',
      ip: null,
      ipv6: '2001:db8:bb10:200::1',
      wanPrefix: '2001:db8:bb10:200::/64',
      start: '2026-11-21T07:00:00Z',
    }),
    online({
      username: 'dual@isp.example',
      sessionId: 'a3',
      ip: null,
      delegatedPrefix: '2001:db8:aa10:300::/56',
      start: '2026-11-21T06:00:00Z',
    }),
  ]);
  ({ app, apiUrl } = await apiServerFor(database, { name: 'Dual' }));
  token = await createApiToken(app.harness, { name: 'dual', scope: { kind: 'admin' } });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('getOnlineSessions for dual-stack subscribers', () => {
  it("answers in the spec's shape, the IPv6 address only where no IPv4 is", async () => {
    const answer = await postGraphql(apiUrl, token, { query, variables: { userId: 501 } });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const sessions = answer.body.data!.getOnlineSessions as Record<string, unknown>[];
    for (const session of sessions) expect(Object.keys(session)).toEqual(specFields);
    const byId = sessions.map((s) => [String(s.sessionId), s.framedIpAddress]).sort();
    expect(byId).toEqual([
      ['a1', '100.64.0.5'],
      ['a2', '2001:db8:bb10:200::1'],
      ['a3', null],
    ]);
  });
});
