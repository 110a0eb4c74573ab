import { F, defaultStaleAfterSeconds, subscriberHistoryLength } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everything, type OperatorScope } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { operatorErrorOf } from '../../support/radius-db-helpers';
import {
  addNasDevice,
  addReseller,
  addService,
  addSubscriber,
  insertSessions,
  offline,
  online,
} from '../../support/seed';
import {
  addCheck,
  addGroupCheck,
  addUserGroup,
  minutesAgo,
  setSessionExtras,
} from '../../support/subscriber-seed';

describe('subscriber detail (stock schema + panel tables)', () => {
  let database: TestDatabase;
  let db: RadiusDb;
  let north: OperatorScope;
  let south: OperatorScope;
  let aliceFresh: string;
  let aliceStale: string;
  let henryIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    const northId = await addReseller(pool, 'North Fiber');
    const southId = await addReseller(pool, 'South Fiber');
    north = { kind: 'reseller', resellerId: northId };
    south = { kind: 'reseller', resellerId: southId };
    const fiber = await addService(pool, 'Fiber 100');
    await addNasDevice(pool, 'bng-east', '127.0.10.1');
    for (const username of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace']) {
      await addSubscriber(pool, {
        username,
        fullName: username === 'alice' ? 'Alice Liddell' : null,
        serviceId: fiber,
        resellerId: northId,
      });
    }
    await addSubscriber(pool, { username: 'sam', resellerId: southId });

    // alice: limit 1 from her own radcheck, two open sessions (one stale) and one closed.
    await addCheck(pool, 'alice', 'Cleartext-Password', 'secret', ':=');
    await addCheck(pool, 'alice', 'Simultaneous-Use', '1');
    [aliceFresh, aliceStale] = (await insertSessions(pool, [
      online({
        username: 'alice',
        nas: '127.0.10.1',
        ip: '100.64.0.5',
        mac: 'AA:BB:CC:00:00:05',
        sessionId: 'alice-fresh',
        start: minutesAgo(30),
        update: minutesAgo(5),
        sessionTime: 1500,
        download: '9223372036854775807',
        upload: 1200,
      }),
      online({
        username: 'alice',
        nas: '127.0.10.2',
        ip: '100.64.0.6',
        sessionId: 'alice-stale',
        start: minutesAgo(600),
        update: minutesAgo(90),
      }),
      offline({ username: 'alice', start: minutesAgo(900) }, minutesAgo(800)),
    ])) as [string, string];
    await setSessionExtras(pool, aliceFresh, {
      nasPortId: 'ether1-vlan100',
      nasPortType: 'Ethernet',
      connectInfo: 'PPPoE 1Gbps',
      interval: 300,
    });
    await setSessionExtras(pool, aliceStale, { interval: 300 });

    // bob: limits only from groups; the lowest priority number wins.
    await addUserGroup(pool, 'bob', 'gold', 2);
    await addUserGroup(pool, 'bob', 'basic', 1);
    await addGroupCheck(pool, 'gold', 'Simultaneous-Use', '3');
    await addGroupCheck(pool, 'basic', 'Simultaneous-Use', '1');
    await insertSessions(pool, [
      online({ username: 'bob', start: minutesAgo(10), update: minutesAgo(1) }),
    ]);

    // carol: her own radcheck limit beats her group's.
    await addCheck(pool, 'carol', 'Simultaneous-Use', '2');
    await addUserGroup(pool, 'carol', 'gold', 1);
    await insertSessions(pool, [
      online({ username: 'carol', start: minutesAgo(10), update: minutesAgo(1) }),
      online({ username: 'carol', start: minutesAgo(20), update: minutesAgo(2) }),
    ]);

    // dave: deactivated, last seen when his link dropped.
    await addCheck(pool, 'dave', 'Auth-Type', 'Reject');
    await insertSessions(pool, [
      offline(
        { username: 'dave', start: minutesAgo(300), terminateCause: 'Lost-Carrier' },
        minutesAgo(200),
      ),
    ]);

    // erin expired in 2020; frank expires in 2099.
    await addCheck(pool, 'erin', 'Expiration', '21 Nov 2020 10:00');
    await addCheck(pool, 'frank', 'Expiration', '21 Nov 2099 10:00');
    await insertSessions(pool, [
      offline({ username: 'erin', start: minutesAgo(300) }, minutesAgo(250)),
    ]);

    // grace: a password in radcheck and never a session.
    await addCheck(pool, 'grace', 'Cleartext-Password', 'x');

    // henry: no panel entry, no radcheck, 55 closed sessions.
    henryIds = await insertSessions(
      pool,
      Array.from({ length: 55 }, (_, n) =>
        offline(
          {
            username: 'henry',
            start: minutesAgo(2000 - n * 10),
            terminateCause: n === 54 ? 'Lost-Carrier' : 'User-Request',
          },
          minutesAgo(2000 - n * 10 - 5),
        ),
      ),
    );

    await insertSessions(pool, [online({ username: 'sam', start: minutesAgo(5) })]);
    db = await openRadiusDb(database.profile);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('shows identity and every online-sessions field, newest first', async () => {
    const detail = await db.subscriberDetail('alice', everything);
    expect(detail.identity).toEqual({
      username: 'alice',
      fullName: 'Alice Liddell',
      service: 'Fiber 100',
      reseller: 'North Fiber',
      inPanel: true,
    });
    expect(detail.online.map((session) => session.session[F.id])).toEqual([aliceFresh, aliceStale]);
    const fresh = detail.online[0]!;
    expect(fresh.session[F.acctSessionId]).toBe('alice-fresh');
    expect(fresh.session[F.nasIp]).toBe('127.0.10.1');
    expect(fresh.session[F.nasName]).toBe('bng-east');
    expect(fresh.session[F.framedIp]).toBe('100.64.0.5');
    expect(fresh.session[F.mac]).toBe('AA:BB:CC:00:00:05');
    expect(fresh.session[F.sessionTime]).toBe(1500);
    expect(fresh.session[F.download]).toBe('9223372036854775807');
    expect(fresh.session[F.upload]).toBe('1200');
    expect(fresh.session[F.stopTime]).toBeNull();
    expect(Date.parse(fresh.session[F.startTime]!)).toBeGreaterThan(Date.now() - 31 * 60_000);
    expect(fresh).toMatchObject({
      nasPortId: 'ether1-vlan100',
      nasPortType: 'Ethernet',
      connectInfoStart: 'PPPoE 1Gbps',
      stale: false,
    });
    expect(Date.parse(fresh.lastHeardAt!)).toBeGreaterThan(Date.now() - 6 * 60_000);
    expect(detail.online[1]).toMatchObject({ nasPortId: null, connectInfoStart: null });
    expect(detail.staleAfterSeconds).toBe(defaultStaleAfterSeconds);
  });

  it('marks a session with no interim for over the stale threshold stale, and counts it against the limit', async () => {
    const detail = await db.subscriberDetail('alice', everything);
    expect(detail.online.map((session) => session.stale)).toEqual([false, true]);
    expect(detail.limit).toEqual({
      limit: 1,
      source: 'user',
      group: null,
      open: 2,
      stale: 1,
      over: true,
    });
    expect(detail.account.state).toBe('active');
    expect(detail.diagnosis.tone).toBe('warning');
    expect(detail.diagnosis.text).toMatch(/over the Simultaneous-Use limit of 1 \(1 stale/);
  });

  it('takes the limit from the group with the lowest priority number', async () => {
    const detail = await db.subscriberDetail('bob', everything);
    expect(detail.limit).toEqual({
      limit: 1,
      source: 'group',
      group: 'basic',
      open: 1,
      stale: 0,
      over: false,
    });
    expect(detail.diagnosis).toEqual({
      tone: 'ok',
      text: 'Online on one session: link is up, look upstream of the NAS.',
    });
  });

  it("prefers the user's own Simultaneous-Use to the group's", async () => {
    const detail = await db.subscriberDetail('carol', everything);
    expect(detail.limit).toMatchObject({ limit: 2, source: 'user', open: 2, over: false });
    expect(detail.online).toHaveLength(2);
  });

  it('says a deactivated account is deactivated, with its last session', async () => {
    const detail = await db.subscriberDetail('dave', everything);
    expect(detail.account).toMatchObject({
      state: 'deactivated',
      reason: 'Auth-Type := Reject in radcheck',
    });
    expect(detail.online).toEqual([]);
    expect(detail.diagnosis.tone).toBe('danger');
    expect(detail.diagnosis.text).toMatch(/^Offline: the account is deactivated/);
    expect(detail.diagnosis.text).toMatch(/the link dropped \(lost carrier\) \(Lost-Carrier\)/);
    expect(detail.limit).toMatchObject({ limit: null, source: null, over: false });
  });

  it('reads a past FreeRADIUS Expiration as expired and a future one as active', async () => {
    const erin = await db.subscriberDetail('erin', everything);
    expect(erin.account.state).toBe('expired');
    expect(erin.account.expiration).toEqual({
      raw: '21 Nov 2020 10:00',
      at: expect.stringMatching(/^2020-11-21T/),
    });
    expect(erin.diagnosis.text).toMatch(/account has expired/);

    const frank = await db.subscriberDetail('frank', everything);
    expect(frank.account.state).toBe('active');
    expect(frank.account.expiration?.at).toMatch(/^2099-11-2[01]T/);
    expect(frank.account.reason).toBe('expires "21 Nov 2099 10:00" in radcheck');
  });

  it('tells to check the CPE username when a known subscriber never connected', async () => {
    const detail = await db.subscriberDetail('grace', everything);
    expect(detail.online).toEqual([]);
    expect(detail.history).toEqual([]);
    expect(detail.limit.open).toBe(0);
    expect(detail.diagnosis).toEqual({
      tone: 'danger',
      text: 'No session on record: check the username on the CPE.',
    });
  });

  it('lists the last 50 sessions newest first and says how the last one ended', async () => {
    const detail = await db.subscriberDetail('henry', everything);
    expect(detail.identity).toMatchObject({ inPanel: false, fullName: null, reseller: null });
    expect(detail.history).toHaveLength(subscriberHistoryLength);
    expect(detail.history.map((session) => session[F.id])).toEqual(
      henryIds.slice(-subscriberHistoryLength).reverse(),
    );
    expect(detail.history[0]![F.terminateCause]).toBe('Lost-Carrier');
    expect(detail.history[0]![F.stopTime]).not.toBeNull();
    expect(detail.diagnosis.tone).toBe('warning');
    expect(detail.diagnosis.text).toMatch(
      /^Offline: last session ended \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ h ago\): the link dropped/,
    );
  });

  it('reads an unknown username as not found', async () => {
    const error = await operatorErrorOf(db.subscriberDetail('nobody-at-all', everything));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('hides a subscriber outside the reseller tree exactly like one that does not exist', async () => {
    await expect(db.subscriberDetail('alice', north)).resolves.toMatchObject({
      identity: { username: 'alice' },
    });
    const hidden = await operatorErrorOf(db.subscriberDetail('alice', south));
    const missing = await operatorErrorOf(db.subscriberDetail('zz-none', south));
    expect(hidden.code).toBe('NOT_FOUND');
    expect(hidden.message.replace('alice', 'X')).toBe(missing.message.replace('zz-none', 'X'));
    // henry has sessions but no panel entry: no reseller owns him.
    expect((await operatorErrorOf(db.subscriberDetail('henry', north))).code).toBe('NOT_FOUND');
    await expect(db.subscriberDetail('sam', south)).resolves.toMatchObject({
      online: [expect.anything()],
    });
  });
});
