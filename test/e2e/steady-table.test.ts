import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PppActiveSession } from '../../src-main/demo/simulated-nas/ppp-active-table';
import { writeAccountingStop } from '../support/accounting-stop';
import { hasChromium, snapshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startRouterOsDesk, type RouterOsDesk } from '../support/routeros-desk';
import { insertSessions, online } from '../support/seed';

// One BNG with 30 subscribers online, started a minute apart (the newest at the top under
// the default sort). During the tests sessions start (at the top) and end (above the
// pointer), as on a live NOC screen, while the page refreshes every 2 s.
const bngIp = '127.0.10.12';
const subscriberCount = 30;

interface Subscriber {
  username: string;
  ip: string;
  mac: string;
  acctSessionId: string;
  radacctId: string;
}

let db: TestDatabase;
let desk: RouterOsDesk;
let page: Page;
const subscribers: Subscriber[] = [];
/** Sessions the BNG removed from /ppp/active, by Acct-Session-Id. */
const removedByBng: string[] = [];
let newcomers = 0;

const rowSelector = (who: Subscriber): string =>
  `[data-testid="session-row"][data-session-id="${who.radacctId}"]`;

/** radacct ids of the rows drawn, top to bottom. */
const drawnIds = (): Promise<string[]> =>
  page
    .getByTestId('session-row')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.sessionId ?? ''));

/** The session of the row under a point of the window. */
const sessionAt = (x: number, y: number): Promise<string | null> =>
  page.evaluate(
    ([px, py]) =>
      document.elementFromPoint(px!, py!)?.closest<HTMLElement>('[data-session-id]')?.dataset
        .sessionId ?? null,
    [x, y],
  );

/** Waits for the page's next read of the database (its read-at time moves on). */
async function nextRefresh(): Promise<void> {
  const readAt = page.getByTestId('updated-ago');
  const before = await readAt.getAttribute('title');
  await expect.poll(() => readAt.getAttribute('title'), { timeout: 10_000 }).not.toBe(before);
}

/** New subscribers log in: their sessions start now, so they sort to the top. */
async function sessionsStart(count: number): Promise<void> {
  const now = Date.now();
  await insertSessions(
    db.pool(),
    Array.from({ length: count }, (_, n) => {
      newcomers += 1;
      return online({
        username: `newcomer${String(newcomers).padStart(2, '0')}@isp.example`,
        nas: bngIp,
        ip: `100.64.12.${100 + newcomers}`,
        sessionId: `82c000${String(newcomers).padStart(2, '0')}`,
        start: new Date(now + n).toISOString(),
      });
    }),
  );
}

async function isOnlineInDatabase(who: Subscriber): Promise<boolean> {
  const result = await db
    .pool()
    .query('SELECT 1 FROM radacct WHERE radacctid = $1 AND acctstoptime IS NULL', [who.radacctId]);
  return result.rowCount === 1;
}

/** Leave the table alone: the pointer off it, focus on the search box. */
async function letGo(): Promise<void> {
  await page.mouse.move(0, 0);
  await page.getByTestId('search-box').focus();
}

async function pointAt(selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(point.x, point.y);
  return point;
}

describe.skipIf(!hasChromium)('The session table holds still under the operator', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock+panel' });
    await db
      .pool()
      .query(`INSERT INTO nas_devices (name, ip_address) VALUES ('bng-east', $1)`, [bngIp]);
    const started = Date.now() - 60 * 60_000;
    const seeds = Array.from({ length: subscriberCount }, (_, n) => ({
      username: `sub${String(n).padStart(2, '0')}@isp.example`,
      ip: `100.64.12.${n + 1}`,
      mac: `AA:BB:CC:12:00:${String(n).padStart(2, '0')}`,
      acctSessionId: `82a000${String(n).padStart(2, '0')}`,
      // sub00 is the newest: the top row.
      start: new Date(started - n * 60_000).toISOString(),
    }));
    const ids = await insertSessions(
      db.pool(),
      seeds.map((seed) =>
        online({
          username: seed.username,
          nas: bngIp,
          ip: seed.ip,
          mac: seed.mac,
          sessionId: seed.acctSessionId,
          start: seed.start,
        }),
      ),
    );
    seeds.forEach((seed, n) => subscribers.push({ ...seed, radacctId: ids[n]! }));

    desk = await startRouterOsDesk(db, {
      bngIp,
      sessions: subscribers.map((who) => ({
        id: `*${who.acctSessionId}`,
        name: who.username,
        address: who.ip,
        callerId: who.mac,
      })),
      onRemove: async (removed: PppActiveSession) => {
        const acctSessionId = removed.id.slice(1);
        removedByBng.push(acctSessionId);
        await writeAccountingStop(db.pool(), acctSessionId);
      },
    });
    page = desk.page;
    await page
      .getByTestId('session-row')
      .nth(subscriberCount - 1)
      .waitFor();
    await page.getByTestId('refresh-period').selectOption('2');
  });

  afterAll(async () => {
    await desk?.close();
    await db?.drop();
  });

  it('asks before one Disconnect, naming the session; Esc cancels and Enter disconnects that row', async () => {
    const target = subscribers[3]!;
    const row = page.locator(rowSelector(target));
    await row.getByTestId('disconnect-session').click();

    const dialog = page.getByTestId('disconnect-confirm');
    await dialog.waitFor();
    expect(await dialog.getAttribute('data-radacct-id')).toBe(target.radacctId);
    expect(await page.getByTestId('disconnect-confirm-username').textContent()).toBe(
      target.username,
    );
    expect(await page.getByTestId('disconnect-confirm-framed-ip').textContent()).toBe(target.ip);
    expect(await page.getByTestId('disconnect-confirm-nas').textContent()).toBe('bng-east');
    expect(await page.getByTestId('disconnect-confirm-session-id').textContent()).toBe(
      target.acctSessionId,
    );
    const focused = (): Promise<string | null> =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    expect(await focused()).toBe('disconnect-confirm-go');
    await snapshot(page, 'e2e-steady-01-confirm');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Focus is back on the row's own Disconnect button, and nothing was sent.
    expect(await focused()).toBe('disconnect-session');
    expect(
      await page.evaluate(
        () => document.activeElement?.closest<HTMLElement>('[data-session-id]')?.dataset.sessionId,
      ),
    ).toBe(target.radacctId);
    expect(removedByBng).toEqual([]);
    expect(await isOnlineInDatabase(target)).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => isOnlineInDatabase(target), { timeout: 30_000 }).toBe(false);
    expect(removedByBng).toEqual([target.acctSessionId]);
    const toast = page.getByTestId('toast').filter({ hasText: target.username });
    await expect
      .poll(() => toast.textContent(), { timeout: 30_000 })
      .toContain(`Disconnected ${target.username}`);

    // Focus went back to the table, on that row; while it is there the row stays, shown gone,
    // with no Disconnect to press twice.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
    expect(await row.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => row.getByTestId('session-gone').count(), { timeout: 10_000 }).toBe(1);
    expect(await row.getByTestId('disconnect-session').count()).toBe(0);
    expect(await row.getByTestId('select-session').count()).toBe(0);
    await snapshot(page, 'e2e-steady-02-gone-row');

    await letGo();
    await expect.poll(() => row.count()).toBe(0);
    expect(await page.getByTestId('held-changes').count()).toBe(0);
  });

  it('keeps the rows under a resting pointer through refreshes, then shows the changes on request', async () => {
    await letGo();
    const before = await drawnIds();
    const pointed = subscribers[10]!;
    const spot = await pointAt(`${rowSelector(pointed)} [role="gridcell"]:nth-child(3)`);

    // Three refreshes, each after two new sessions (top) and one ended (above the pointer).
    const ended = [subscribers[0]!, subscribers[1]!, subscribers[2]!];
    for (const [round, leaving] of ended.entries()) {
      await sessionsStart(2);
      await writeAccountingStop(db.pool(), leaving.acctSessionId);
      await nextRefresh();
      await expect
        .poll(() => page.getByTestId('held-changes').textContent())
        .toBe(`${3 * (round + 1)} changes — show`);
      expect(await drawnIds()).toEqual(before);
      expect(await sessionAt(spot.x, spot.y)).toBe(pointed.radacctId);
      expect(await page.locator(rowSelector(leaving)).getByTestId('session-gone').count()).toBe(1);
    }
    await snapshot(page, 'e2e-steady-03-held-changes');

    // Show: the new sessions at the top, the ended ones gone; the table holds again after.
    await page.getByTestId('held-changes').click();
    await expect.poll(() => page.getByTestId('held-changes').count()).toBe(0);
    // The table draws only the rows in view (virtualised): compare what is drawn with the
    // top of the expected list, not the whole list.
    const shown = await drawnIds();
    const top = await page
      .getByTestId('session-row')
      .evaluateAll((rows) => rows.slice(0, 6).map((row) => row.textContent ?? ''));
    for (const text of top) expect(text).toContain('newcomer');
    const endedIds = new Set(ended.map((leaving) => leaving.radacctId));
    const expected = [...shown.slice(0, 6), ...before.filter((id) => !endedIds.has(id))];
    expect(shown.length).toBeGreaterThan(6);
    expect(shown).toEqual(expected.slice(0, shown.length));
    await snapshot(page, 'e2e-steady-04-shown');

    // The pointer is still on the table: the next new session waits, until the pointer leaves.
    const settled = await drawnIds();
    await sessionsStart(1);
    await nextRefresh();
    await expect.poll(() => page.getByTestId('held-changes').textContent()).toBe('1 change — show');
    expect(await drawnIds()).toEqual(settled);
    await page.mouse.move(0, 0);
    await expect.poll(() => page.getByTestId('held-changes').count()).toBe(0);
    // The new session is on top and every other row one place down.
    await expect.poll(async () => (await drawnIds())[1]).toBe(settled[0]);
  }, 60_000);

  it('holds still while the keyboard is on a row, and catches up when focus leaves', async () => {
    await letGo();
    await page.getByRole('grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = page.locator('[data-testid="session-row"][aria-selected="true"]');
    const activeId = await active.getAttribute('data-session-id');
    const before = await drawnIds();
    expect(before.indexOf(activeId!)).toBe(1);

    await sessionsStart(1);
    await nextRefresh();
    await expect.poll(() => page.getByTestId('held-changes').textContent()).toBe('1 change — show');
    expect(await drawnIds()).toEqual(before);
    expect((await drawnIds()).indexOf((await active.getAttribute('data-session-id'))!)).toBe(1);

    await page.getByTestId('search-box').focus();
    await expect.poll(async () => (await drawnIds())[1]).toBe(before[0]);
    expect(await page.getByTestId('held-changes').count()).toBe(0);
  });

  it('applies a sort at once, even under the pointer', async () => {
    await letGo();
    await pointAt('[data-testid="sort-username"]');
    await page.getByTestId('sort-username').click();
    await expect
      .poll(async () => (await page.getByTestId('session-row').first().textContent()) ?? '')
      .toContain('newcomer01');
    await page.getByTestId('sort-startTime').click();
    await expect
      .poll(async () => (await page.getByTestId('session-row').first().textContent()) ?? '')
      .not.toContain('newcomer01');
  });

  it('clicking the same spot twice, a refresh apart, disconnects only the session confirmed', async () => {
    await letGo();
    const target = subscribers[12]!;
    const spot = await pointAt(`${rowSelector(target)} [data-testid="disconnect-session"]`);
    const onlineBefore = await db
      .pool()
      .query<{ id: string }>(
        'SELECT radacctid::text AS id FROM radacct WHERE acctstoptime IS NULL',
      );

    await page.mouse.click(spot.x, spot.y);
    await page.getByTestId('disconnect-confirm').waitFor();
    expect(await page.getByTestId('disconnect-confirm-username').textContent()).toBe(
      target.username,
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('disconnect-confirm').waitFor({ state: 'detached' });

    // Meanwhile two subscribers log in at the top: without the hold every row below moves down.
    await sessionsStart(2);
    await nextRefresh();
    await page.mouse.click(spot.x, spot.y);
    // Whatever is at that spot now, it opens no confirmation; an operator's reflex Enter
    // confirms nothing.
    expect(await page.getByTestId('disconnect-confirm').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => isOnlineInDatabase(target), { timeout: 30_000 }).toBe(false);
    await nextRefresh();

    expect(removedByBng.at(-1)).toBe(target.acctSessionId);
    expect(removedByBng.filter((id) => id === target.acctSessionId)).toHaveLength(1);
    const stillOnline = await db
      .pool()
      .query<{ id: string }>(
        'SELECT radacctid::text AS id FROM radacct WHERE acctstoptime IS NULL',
      );
    const ended = onlineBefore.rows
      .map((row) => row.id)
      .filter((id) => !stillOnline.rows.some((row) => row.id === id));
    expect(ended).toEqual([target.radacctId]);
  }, 60_000);
});
