import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addReseller, addSubscriber, insertSessions, online } from '../../support/seed';
import { addOperator, installOperatorsTable, operatorRoles } from '../../support/operator-roles';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';
import { quickDisconnects, saveCoaAccess, useCoaNas } from './disconnect-fixture';

const nasIp = '127.0.10.6';
let database: TestDatabase;
let app: ServiceHarness;
let alicesId: string;
let bobsId: string;
const roles = operatorRoles();

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const pool = database.pool();
  const north = await addReseller(pool, 'North Fiber');
  const south = await addReseller(pool, 'South Fiber');
  await addSubscriber(pool, { username: 'alice@north', resellerId: north });
  await addSubscriber(pool, { username: 'bob@south', resellerId: south });
  [alicesId, bobsId] = (await insertSessions(pool, [
    online({ username: 'alice@north', nas: nasIp }),
    online({ username: 'bob@south', nas: nasIp }),
  ])) as [string, string];
  // The operator is North's reseller: South's subscribers are not theirs to see or end.
  await installOperatorsTable(pool);
  const { role, profile } = await roles.create('north', [database]);
  await addOperator(pool, role, { userType: 'reseller', resellerId: north });
  app = await connectedHarness(database, { disconnect: quickDisconnects }, 'north', profile);
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
  await roles.drop();
});

const coaNas = useCoaNas(() => database);

describe('disconnect under a reseller scope', () => {
  it("reads another reseller's session as not found and sends nothing", async () => {
    const peer = await coaNas(nasIp, { answer: 'ack' });
    await saveCoaAccess(app, peer);

    const result = await app.call('nas.disconnect', { radacctId: bobsId });

    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/bob/);
    expect(
      await app.ok('disconnect.preview', { selection: { kind: 'user', username: 'bob@south' } }),
    ).toMatchObject({ count: 0 });
    expect(peer.received).toHaveLength(0);
  });

  it('takes only its own sessions from a filter or a list of ids', async () => {
    const peer = await coaNas(nasIp, { answer: 'ack' });
    await saveCoaAccess(app, peer);

    const preview = await app.ok('disconnect.preview', {
      selection: { kind: 'filter', filter: { status: 'online', nasIp } },
    });
    expect(preview).toMatchObject({ count: 1, nasCount: 1 });

    const run = await app.ok('disconnect.start', {
      selection: { kind: 'sessions', radacctIds: [alicesId, bobsId] },
    });
    expect(run.total).toBe(1);
  });
});
