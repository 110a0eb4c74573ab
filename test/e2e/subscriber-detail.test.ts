import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PppActiveSession } from '../../src-main/demo/simulated-nas/ppp-active-table';
import { writeAccountingStop } from '../support/accounting-stop';
import { hasChromium, snapshot } from '../support/browser';
import { disconnectConfirmed } from '../support/confirm-disconnect';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startRouterOsDesk, type RouterOsDesk } from '../support/routeros-desk';
import {
  addReseller,
  addService,
  addSubscriber,
  insertSessions,
  offline,
  online,
} from '../support/seed';
import { addCheck, minutesAgo, setSessionExtras } from '../support/subscriber-seed';

// alice is on twice (her limit is 1) on a BNG that speaks the RouterOS API on loopback; her
// framed IPs are loopback addresses, so Ping never leaves this machine.
const bngIp = '127.0.10.9';
const alice = 'alice@isp.example';
const bob = 'bob@isp.example';
const sessions = [
  { sessionId: '81b00001', ip: '127.0.0.1', mac: 'AA:BB:CC:09:00:01', port: 'ether1-vlan101' },
  { sessionId: '81b00002', ip: '127.0.0.2', mac: 'AA:BB:CC:09:00:02', port: 'ether1-vlan102' },
];

let db: TestDatabase;
let desk: RouterOsDesk;
let page: Page;

async function recordStop(removed: PppActiveSession): Promise<void> {
  await writeAccountingStop(db.pool(), removed.id.slice(1));
}

async function openSessionIds(username: string): Promise<string[]> {
  const result = await db.pool().query<{ acctsessionid: string }>(
    `SELECT acctsessionid FROM radacct WHERE username = $1 AND acctstoptime IS NULL
       ORDER BY acctstarttime DESC`,
    [username],
  );
  return result.rows.map((row) => row.acctsessionid);
}

const onlineRows = (): Locator => page.getByTestId('online-session');

describe.skipIf(!hasChromium)('Subscriber detail in Chromium', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock+panel' });
    const pool = db.pool();
    await pool.query(`INSERT INTO nas_devices (name, ip_address) VALUES ('bng-north', $1)`, [
      bngIp,
    ]);
    const reseller = await addReseller(pool, 'North Fiber');
    const service = await addService(pool, 'Fiber 300');
    await addSubscriber(pool, {
      username: alice,
      fullName: 'Alice Liddell',
      serviceId: service,
      resellerId: reseller,
    });
    await addSubscriber(pool, { username: bob, fullName: 'Bob Builder', resellerId: reseller });
    await addCheck(pool, alice, 'Simultaneous-Use', '1');
    await addCheck(pool, bob, 'Auth-Type', 'Reject');
    const ids = await insertSessions(pool, [
      ...sessions.map((session, n) =>
        online({
          username: alice,
          nas: bngIp,
          ip: session.ip,
          mac: session.mac,
          sessionId: session.sessionId,
          start: minutesAgo(20 + n * 10),
          update: minutesAgo(2),
          download: 123_456_789,
          upload: 2_345_678,
        }),
      ),
      offline(
        {
          username: alice,
          nas: bngIp,
          ip: '127.0.0.3',
          start: '2026-11-20T08:00:00Z',
          terminateCause: 'Lost-Carrier',
        },
        '2026-11-20T09:00:00Z',
      ),
      offline(
        {
          username: bob,
          nas: bngIp,
          ip: '127.0.0.4',
          start: '2026-11-20T10:00:00Z',
          terminateCause: 'Admin-Reset',
        },
        '2026-11-20T11:00:00Z',
      ),
    ]);
    for (const [n, session] of sessions.entries()) {
      await setSessionExtras(pool, ids[n]!, {
        nasPortId: session.port,
        nasPortType: 'Ethernet',
        connectInfo: 'PPPoE',
        interval: 300,
      });
    }

    desk = await startRouterOsDesk(db, {
      bngIp,
      sessions: sessions.map((session) => ({
        id: `*${session.sessionId}`,
        name: alice,
        address: session.ip,
        callerId: session.mac,
      })),
      onRemove: recordStop,
    });
    ({ page } = desk);
    await page.locator('[data-testid="session-row"]').nth(1).waitFor();
  });

  afterAll(async () => {
    await desk?.close();
    await db?.drop();
  });

  it('opens a subscriber from the table and shows what the database holds', async () => {
    await page.getByTestId('open-subscriber').first().click();
    await page.getByTestId('subscriber-summary').waitFor();
    expect(await page.getByTestId('subscriber-username').textContent()).toBe(alice);
    expect(await page.getByTestId('subscriber-full-name').textContent()).toBe('Alice Liddell');
    expect(await page.getByTestId('subscriber-service').textContent()).toBe('Fiber 300');
    expect(await page.getByTestId('subscriber-reseller').textContent()).toBe('North Fiber');
    expect(await page.getByTestId('account-state').textContent()).toBe('active');

    const inDatabase = await openSessionIds(alice);
    await expect.poll(() => onlineRows().count()).toBe(inDatabase.length);
    expect(await page.getByTestId('online-session-id').allTextContents()).toEqual(inDatabase);
    expect(await page.getByTestId('online-framed-ip').allTextContents()).toEqual([
      '127.0.0.1',
      '127.0.0.2',
    ]);
    expect(await page.getByTestId('online-nas-port').allTextContents()).toEqual([
      'ether1-vlan101',
      'ether1-vlan102',
    ]);
    expect(await page.getByTestId('online-mac').allTextContents()).toEqual(
      sessions.map((s) => s.mac),
    );
    expect((await page.getByTestId('session-count').textContent())?.trim()).toBe('2 / 1');
    expect(await page.getByTestId('over-limit').count()).toBe(1);
    expect(await page.getByTestId('diagnosis').textContent()).toMatch(
      /over the Simultaneous-Use limit of 1/,
    );

    const history = await db
      .pool()
      .query('SELECT count(*)::int AS n FROM radacct WHERE username = $1', [alice]);
    expect(await page.getByTestId('history-session').count()).toBe(history.rows[0].n);
    expect(await page.getByTestId('history-cause').allTextContents()).toContain('Lost-Carrier');
    await snapshot(page, 'e2e-subscriber-01-detail');
  });

  it('pings a framed IP from the workstation and shows the result inline', async () => {
    await onlineRows().first().getByTestId('ping-session').click();
    const result = page.getByTestId('ping-result').first();
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toMatch(/3\/3 replies, 0% loss/);
    await snapshot(page, 'e2e-subscriber-02-ping');
  });

  it('disconnects one session from the detail and shows it gone', async () => {
    const row = page
      .locator(`[data-testid="online-session"]`)
      .filter({ hasText: sessions[1]!.sessionId });
    // The confirmation names this session; Esc leaves it alone and focus back on its row.
    await row.getByTestId('disconnect-session').click();
    expect(await page.getByTestId('disconnect-confirm-username').textContent()).toBe(alice);
    expect(await page.getByTestId('disconnect-confirm-session-id').textContent()).toBe(
      sessions[1]!.sessionId,
    );
    await page.keyboard.press('Escape');
    await page.getByTestId('disconnect-confirm').waitFor({ state: 'detached' });
    expect(
      await page.evaluate(() => document.activeElement?.closest('tr')?.dataset.testid ?? null),
    ).toBe('online-session');
    expect(await openSessionIds(alice)).toHaveLength(2);

    await disconnectConfirmed(page, row);
    const toast = page.getByTestId('toast').filter({ hasText: alice });
    await expect
      .poll(() => toast.textContent(), { timeout: 30_000 })
      .toContain(`Disconnected ${alice} via RouterOS API`);
    await expect.poll(() => openSessionIds(alice)).toEqual([sessions[0]!.sessionId]);
    await expect.poll(() => onlineRows().count()).toBe(1);
    expect((await page.getByTestId('session-count').textContent())?.trim()).toBe('1 / 1');
    expect(await page.getByTestId('diagnosis').textContent()).toMatch(
      /link is up, look upstream of the NAS/,
    );
    await snapshot(page, 'e2e-subscriber-03-disconnected');
  });

  it('finds a typed username and says why a deactivated account is offline', async () => {
    await page.getByTestId('find-subscriber').fill(bob);
    await page.getByTestId('find-subscriber').press('Enter');
    await expect.poll(() => page.getByTestId('subscriber-username').textContent()).toBe(bob);
    expect(await page.getByTestId('account-state').textContent()).toBe('deactivated');
    expect(await page.getByTestId('diagnosis').textContent()).toMatch(
      /Offline: the account is deactivated .* last session ended .*an operator disconnected it/,
    );
    await snapshot(page, 'e2e-subscriber-04-deactivated');

    await page.getByTestId('find-subscriber').fill('nobody@isp.example');
    await page.getByTestId('find-subscriber').press('Enter');
    await expect
      .poll(() => page.getByTestId('subscriber-error').textContent())
      .toMatch(/No subscriber "nobody@isp.example"/);
  });

  it('answers who had an address at a moment', async () => {
    await page.getByTestId('who-had-address').fill('127.0.0.3');
    // 2026-11-20 08:30 UTC as this browser's local wall time.
    const local = new Date(
      Date.parse('2026-11-20T08:30:00Z') -
        new Date('2026-11-20T08:30:00Z').getTimezoneOffset() * 60_000,
    );
    await page.getByTestId('who-had-at').fill(local.toISOString().slice(0, 19));
    await page.getByTestId('who-had-go').click();
    await expect.poll(() => page.getByTestId('who-had-session').count()).toBe(1);
    expect(await page.getByTestId('who-had-session').textContent()).toContain(alice);
    await snapshot(page, 'e2e-subscriber-05-who-had');
    await page.getByTestId('who-had-session').getByRole('button', { name: alice }).click();
    await expect.poll(() => page.getByTestId('subscriber-username').textContent()).toBe(alice);
  });

  it('disconnects all of the subscriber’s sessions through the bulk dialogs', async () => {
    await page.getByTestId('disconnect-all').click();
    await page.getByTestId('bulk-confirm').waitFor();
    await expect.poll(() => page.getByTestId('bulk-confirm-count').textContent()).toBe('1');
    await page.getByTestId('bulk-confirm-go').click();
    const progress = page.getByTestId('bulk-progress');
    await expect
      .poll(() => progress.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('finished');
    await snapshot(page, 'e2e-subscriber-06-disconnect-all');
    await page.getByTestId('bulk-close').click();
    await expect.poll(() => openSessionIds(alice)).toEqual([]);
    await expect.poll(() => page.getByTestId('no-online-sessions').count()).toBe(1);
    expect(await page.getByTestId('diagnosis').textContent()).toMatch(
      /^\s*Offline: last session ended .*an operator disconnected it \(Admin-Reset\)/,
    );
  });
});
