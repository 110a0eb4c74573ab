// `npm run demo -- --browser` as a newcomer runs it: the built demo as a child process
// (embedded PostgreSQL, live accounting, six simulated BNGs, browser mode), driven in
// Chromium, checked against its own database, then stopped with Ctrl-C.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snapshot } from '../support/browser';
import { disconnectConfirmed } from '../support/confirm-disconnect';
import {
  repoRoot,
  run,
  stopWithCtrlC,
  waitForOutput,
  type Running,
} from '../support/child-process';
import { closeDemo, startDemo } from '../support/demo-process';
import { ipv6Groups } from '@contract';

const browserEntry = join(repoRoot, 'out/main/browser.js');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: the processes whose parent is pid (PostgreSQL's checkpointer, walwriter…). */
function childrenOf(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

const digits = (text: string | null): number => Number((text ?? '').replace(/\D/g, ''));

let dataDir: string;
let demo: Running;
let demoUrl: string;
let pgPort: number;
let pool: pg.Pool;
/** The demo's PostgreSQL: its cluster folder and postmaster, to prove they stop. */
let clusterFolder: string;
let postmasterPid: number;
let browser: Browser;
let page: Page;

interface OnlineCounts {
  total: number;
  perNas: Map<string, number>;
}

async function onlineInDatabase(): Promise<OnlineCounts> {
  const result = await pool.query<{ nas: string; n: number }>(
    `SELECT host(nasipaddress) AS nas, count(*)::int AS n
       FROM radacct WHERE acctstoptime IS NULL GROUP BY 1 ORDER BY 1`,
  );
  const perNas = new Map(result.rows.map((row) => [row.nas, row.n]));
  return { total: [...perNas.values()].reduce((a, b) => a + b, 0), perNas };
}

/**
 * Online sessions of Norte Conecta's tree (reseller 2), computed apart from the app: each
 * subscriber's reseller chain is walked up to the root, looking for reseller 2 on the way.
 */
async function norteConectaOnlineInDatabase(): Promise<OnlineCounts> {
  const result = await pool.query<{ nas: string; n: number }>(
    `WITH RECURSIVE up (username, reseller) AS (
       SELECT username, reseller_id FROM subscribers WHERE reseller_id IS NOT NULL
       UNION
       SELECT up.username, r.parent_id FROM up JOIN resellers r ON r.id = up.reseller
       WHERE r.parent_id IS NOT NULL)
     SELECT host(nasipaddress) AS nas, count(*)::int AS n FROM radacct
     WHERE acctstoptime IS NULL AND username IN (SELECT username FROM up WHERE reseller = 2)
     GROUP BY 1 ORDER BY 1`,
  );
  const perNas = new Map(result.rows.map((row) => [row.nas, row.n]));
  return { total: [...perNas.values()].reduce((a, b) => a + b, 0), perNas };
}

async function onlineOnScreen(): Promise<OnlineCounts> {
  const total = digits(await page.getByTestId('stat-total').locator('strong').textContent());
  const pills = await page
    .getByTestId('nas-pill')
    .evaluateAll((buttons) =>
      buttons.map((button) => [
        button.getAttribute('data-nas-ip') ?? '',
        button.querySelector('.count')?.textContent ?? '',
      ]),
    );
  return { total, perNas: new Map(pills.map(([nas, count]) => [nas!, digits(count!)])) };
}

/** Presses Refresh and waits for the page to show a newer read. */
async function refreshNow(): Promise<void> {
  const readAt = page.getByTestId('updated-ago');
  const before = await readAt.getAttribute('title');
  await expect.poll(() => page.getByTestId('refresh-now').isEnabled()).toBe(true);
  await page.getByTestId('refresh-now').click();
  await expect.poll(() => readAt.getAttribute('title')).not.toBe(before);
  await expect.poll(() => page.getByTestId('refresh-now').isEnabled()).toBe(true);
}

/** Rows on screen as [radacctid, NAS address, framed IP]. */
async function rowsOnScreen(): Promise<[string, string, string][]> {
  return page.getByTestId('session-row').evaluateAll((rows) =>
    // By column id, not position: which columns show depends on the width and the
    // operator's choice.
    rows.map((row) => {
      const cell = (column: string) => row.querySelector(`[data-column="${column}"]`);
      return [
        row.getAttribute('data-session-id') ?? '',
        cell('nas')?.getAttribute('title') ?? '',
        cell('framedIp')?.textContent?.trim() ?? '',
      ] as [string, string, string];
    }),
  );
}

describe.skipIf(!hasChromium)('npm run demo -- --browser, in Chromium', () => {
  beforeAll(async () => {
    ({
      demo,
      dataDir,
      url: demoUrl,
      pgPort,
      pool,
      clusterFolder,
    } = await startDemo('sd-demo-e2e-'));
    postmasterPid = Number(
      readFileSync(join(clusterFolder, 'postmaster.pid'), 'utf8').split('\n')[0],
    );

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  }, 180_000);

  afterAll(() => closeDemo({ browser, pool, demo, dataDir }), 60_000);

  it('opens on the Demo ISP profile, and the stat row matches count(*) in radacct', async () => {
    await page.goto(demoUrl);
    // The page took the token out of the address bar (it keeps it for this tab only).
    expect(page.url()).not.toContain('token=');
    await page.getByTestId('stat-total').waitFor();
    await expect.poll(() => page.getByTestId('session-row').count()).toBeGreaterThan(10);
    expect(
      await page.locator('[data-testid="profile-switcher"] option:checked').textContent(),
    ).toContain('Demo ISP');

    // The live loop moves the counts every few seconds: hold the page still, then compare
    // one manual refresh with the database read just before and after it, retrying when
    // a tick landed in between.
    await page.getByTestId('refresh-pause').click();
    await expect.poll(() => page.getByTestId('live-state').textContent()).toContain('Paused');
    let compared = false;
    for (let attempt = 0; attempt < 8 && !compared; attempt += 1) {
      const before = await onlineInDatabase();
      await refreshNow();
      const after = await onlineInDatabase();
      if (
        before.total !== after.total ||
        [...before.perNas].some(([k, v]) => after.perNas.get(k) !== v)
      ) {
        continue;
      }
      const shown = await onlineOnScreen();
      expect(shown.total).toBe(after.total);
      expect(Object.fromEntries(shown.perNas)).toEqual(Object.fromEntries(after.perNas));
      compared = true;
    }
    expect(compared, 'the database held still across one refresh').toBe(true);
    const shown = await onlineOnScreen();
    expect(shown.perNas.size).toBe(6);
    expect([...shown.perNas.values()].reduce((a, b) => a + b, 0)).toBe(shown.total);
    expect(shown.total).toBeGreaterThan(1_000);
    await snapshot(page, 'demo-01-live-table-paused');
  });

  it('finds a session by a partial framed IP', async () => {
    // A part of an online session's address (no leading "100.") that no other online
    // session's address contains.
    const { rows } = await pool.query<{ id: string; ip: string; username: string }>(
      `SELECT radacctid::text AS id, host(framedipaddress) AS ip, username
         FROM radacct r WHERE acctstoptime IS NULL AND framedipaddress IS NOT NULL
          AND (SELECT count(*) FROM radacct o WHERE o.acctstoptime IS NULL
                 AND host(o.framedipaddress) LIKE '%' || substr(host(r.framedipaddress), 5) || '%') = 1
        ORDER BY radacctid LIMIT 1`,
    );
    const needle = rows[0]!;
    const partial = needle.ip.slice(4);
    await page.getByTestId('search-box').fill(partial);
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    const row = page.getByTestId('session-row').first();
    expect(await row.getAttribute('data-session-id')).toBe(needle.id);
    expect(await row.textContent()).toContain(needle.username);
    expect(await row.textContent()).toContain(needle.ip);
    await snapshot(page, 'demo-02-search-partial-ip');
    await page.getByTestId('search-box').fill('');
    await expect.poll(() => page.getByTestId('session-row').count()).toBeGreaterThan(1);
  });

  it('finds a subscriber by an address inside its delegated prefix, and shows its IPv6', async () => {
    // An online dual-stack session whose /56 no other online session has.
    const { rows } = await pool.query<{ id: string; username: string; lan: string; wan: string }>(
      `SELECT radacctid::text AS id, username, delegatedipv6prefix::text AS lan,
              framedipv6prefix::text AS wan
         FROM radacct r WHERE acctstoptime IS NULL AND delegatedipv6prefix IS NOT NULL
          AND (SELECT count(*) FROM radacct o WHERE o.acctstoptime IS NULL
                 AND o.delegatedipv6prefix = r.delegatedipv6prefix) = 1
        ORDER BY radacctid LIMIT 1`,
    );
    const needle = rows[0]!;
    // A host in the customer's LAN: another /64 of the /56, not the prefix's own address,
    // typed in full notation as an abuse report might have it.
    const groups = ipv6Groups(needle.lan.split('/')[0]!)!;
    groups[3] = groups[3]! | 0xab;
    groups[7] = 0x1234;
    const address = groups.map((group) => group.toString(16).padStart(4, '0')).join(':');
    await page.getByTestId('search-box').fill(address);
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    const row = page.getByTestId('session-row').first();
    expect(await row.getAttribute('data-session-id')).toBe(needle.id);
    expect(await row.textContent()).toContain(needle.username);
    // At 1440 px the IPv6 column is in the column chooser; the subscriber page shows it below.
    await snapshot(page, 'demo-02b-search-ipv6-in-delegated-prefix');

    await row.getByTestId('open-subscriber').click();
    await page.getByTestId('subscriber-summary').waitFor();
    const online = page.locator(
      `[data-testid="online-session"][data-session-id="${needle.id}"] [data-testid="online-ipv6"]`,
    );
    await expect.poll(() => online.textContent()).toContain(needle.lan);
    expect(await online.textContent()).toContain(needle.wan);
    await snapshot(page, 'demo-02c-subscriber-ipv6');

    await page.getByTestId('nav-sessions').click();
    await page.getByTestId('search-box').fill('');
    await expect.poll(() => page.getByTestId('session-row').count()).toBeGreaterThan(1);
  });

  describe('one NAS: filter, pages, and its export opened offline', () => {
    it('filters to one NAS and pages through it', async () => {
      const nasIp = '127.0.10.3';
      await page.getByTestId('nas-select').selectOption(nasIp);
      const onThatNas = (await onlineInDatabase()).perNas.get(nasIp)!;
      expect(onThatNas).toBeGreaterThan(200);
      // The match count is that NAS's online count (give or take the live loop's churn),
      // and only that NAS is on screen.
      const rangeTotal = async () =>
        digits(((await page.getByTestId('page-range').textContent()) ?? '').split(' of ')[1] ?? '');
      await expect.poll(async () => Math.abs((await rangeTotal()) - onThatNas) <= 3).toBe(true);
      expect(await page.getByTestId('page-range').textContent()).toMatch(/^rows 1–100 of \d/);
      await expect
        .poll(async () => [...new Set((await rowsOnScreen()).map(([, nas]) => nas))])
        .toEqual([nasIp]);
      await snapshot(page, 'demo-03-one-nas-page-one');
      const firstOfPageOne = (await rowsOnScreen())[0]![0];

      await page.getByTestId('page-next').click();
      await expect
        .poll(() => page.getByTestId('page-range').textContent())
        .toMatch(/^rows 101–200 of \d/);
      const pageTwo = await rowsOnScreen();
      expect(pageTwo[0]![0]).not.toBe(firstOfPageOne);
      expect(new Set(pageTwo.map(([, nas]) => nas))).toEqual(new Set([nasIp]));
      await snapshot(page, 'demo-04-one-nas-page-two');

      await page.getByTestId('page-prev').click();
      await expect
        .poll(() => page.getByTestId('page-range').textContent())
        .toMatch(/^rows 1–100 of \d/);
      // Back on page one: its first row is there again, possibly below sessions the live
      // loop started on this NAS meanwhile (newest first).
      await expect
        .poll(async () => (await rowsOnScreen()).slice(0, 10).map(([id]) => id))
        .toContain(firstOfPageOne);
      await page.getByTestId('nas-select').selectOption('');
    });

    /** Exports every online session of the NAS through the dialog; the downloaded file. */
    async function exportAllOnNas(): Promise<string> {
      await page.getByTestId('export-open').click();
      await page.getByTestId('export-dialog').waitFor();
      await page.getByTestId('export-scope-all').check();
      await expect.poll(() => page.getByTestId('export-count').textContent()).toMatch(/\d/);
      await page.getByTestId('export-start').click();
      const link = page.getByTestId('export-download');
      await link.waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const path = join(dataDir, `e2e-${Date.now()}.csv`);
      await download.saveAs(path);
      await page.getByTestId('export-close').click();
      return path;
    }

    it('exports one NAS, opens the file offline with the same sessions, and compares two exports', async () => {
      const nasIp = '127.0.10.3';
      await page.getByTestId('nas-select').selectOption(nasIp);
      await expect
        .poll(async () => [...new Set((await rowsOnScreen()).map(([, nas]) => nas))])
        .toEqual([nasIp]);
      const first = await exportAllOnNas();
      const exportedIds = readFileSync(first, 'utf8')
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.split(',')[0]!);
      expect(exportedIds.length).toBeGreaterThan(200);

      await page.getByTestId('open-export').setInputFiles(first);
      await page.getByTestId('offline-banner').waitFor();
      expect(await page.getByTestId('offline-row-count').textContent()).toBe(
        `${exportedIds.length} rows`,
      );
      expect(await page.getByTestId('nas-pill').count()).toBe(1);
      expect(await page.getByTestId('stat-total').textContent()).toContain(
        String(exportedIds.length),
      );
      await page.getByTestId('page-size-select').selectOption('1000');
      // The table is virtualised: the range names every row, the rows drawn are all the file's.
      await expect
        .poll(() => page.getByTestId('page-range').textContent())
        .toBe(`rows 1–${exportedIds.length} of ${exportedIds.length}`);
      const inFile = new Set(exportedIds);
      const drawn = (await rowsOnScreen()).map(([id]) => id);
      expect(drawn.length).toBeGreaterThan(10);
      expect(drawn.filter((id) => !inFile.has(id))).toEqual([]);
      await snapshot(page, 'demo-04b-export-opened-offline');

      // A subscriber with one session on that NAS logs off; the next export misses them.
      const { rows } = await pool.query<{ username: string }>(
        `SELECT username FROM radacct WHERE acctstoptime IS NULL AND host(nasipaddress) = $1
          GROUP BY username HAVING count(*) = 1 ORDER BY username LIMIT 1`,
        [nasIp],
      );
      const leaving = rows[0]!.username;
      await pool.query(
        `UPDATE radacct SET acctstoptime = now(), acctterminatecause = 'User-Request'
          WHERE username = $1 AND acctstoptime IS NULL`,
        [leaving],
      );
      await page.getByTestId('offline-close').click();
      await page.getByTestId('nas-select').selectOption(nasIp);
      await refreshNow();
      const second = await exportAllOnNas();

      await page.getByTestId('open-export').setInputFiles(first);
      await page.getByTestId('offline-banner').waitFor();
      await page.getByTestId('compare-file').setInputFiles(second);
      await page.getByTestId('compare-view').waitFor();
      await page.getByTestId('compare-tab-dropped').click();
      await expect
        .poll(async () => (await page.getByTestId('compare-row').allTextContents()).join('\n'))
        .toContain(leaving);
      await snapshot(page, 'demo-04c-compare-two-exports');
      await page.getByTestId('compare-back').click();
      await page.getByTestId('offline-close').click();
      await page.getByTestId('nas-select').selectOption('');
      await expect.poll(() => page.getByTestId('session-row').count()).toBeGreaterThan(10);
    });
  });

  it('disconnects a session: the simulated BNG ends it and the audit log has it', async () => {
    const { rows } = await pool.query<{ id: string; ip: string; username: string; nas: string }>(
      `SELECT radacctid::text AS id, host(framedipaddress) AS ip, username,
              host(nasipaddress) AS nas
         FROM radacct r WHERE acctstoptime IS NULL AND framedipaddress IS NOT NULL
          AND host(nasipaddress) = '127.0.10.2'
          AND (SELECT count(*) FROM radacct o WHERE o.acctstoptime IS NULL
                 AND host(o.framedipaddress) = host(r.framedipaddress)) = 1
        ORDER BY acctstarttime DESC LIMIT 1`,
    );
    const target = rows[0]!;
    await page.getByTestId('search-box').fill(target.ip);
    const row = page.locator(`[data-testid="session-row"][data-session-id="${target.id}"]`);
    await row.waitFor();

    const clickedAt = Date.now();
    await disconnectConfirmed(page, row);
    const toast = page.getByTestId('toast').filter({ hasText: target.username });
    await expect
      .poll(() => toast.textContent(), { timeout: 30_000 })
      .toContain(`Disconnected ${target.username} via RouterOS API`);
    const stop = await pool.query<{ cause: string }>(
      'SELECT acctterminatecause AS cause FROM radacct WHERE radacctid = $1 AND acctstoptime IS NOT NULL',
      [target.id],
    );
    expect(stop.rows[0]?.cause).toBe('Admin-Reset');
    expect(Date.now() - clickedAt).toBeLessThan(15_000);
    // The online list drops it, with auto-refresh still paused.
    await expect.poll(() => row.count()).toBe(0);
    await snapshot(page, 'demo-05-disconnected-toast');

    await page.getByTestId('status-select').selectOption('all');
    await expect.poll(() => row.getByTestId('status-badge').textContent()).toBe('offline');
    expect(await row.textContent()).toContain('Admin-Reset');
    await snapshot(page, 'demo-06-row-offline');
    await page.getByTestId('status-select').selectOption('online');
    await page.getByTestId('search-box').fill('');

    await page.getByTestId('nav-audit').click();
    const entry = page.getByTestId('audit-row').first();
    await expect.poll(() => entry.textContent()).toContain(target.username);
    const text = (await entry.textContent())!;
    expect(text).toContain(target.nas);
    expect(text).toContain('RouterOS API');
    expect(await entry.getByTestId('audit-result').textContent()).toMatch(/done/);
    await snapshot(page, 'demo-07-audit-log');
    await page.getByTestId('nav-sessions').click();
  });

  it("offers Norte Conecta's reseller profile: its tree's sessions and counts, who it is, no Disconnect", async () => {
    expect(await page.getByTestId('operator-who').textContent()).toBe('session_desk_demo · admin');
    await page
      .getByTestId('profile-switcher')
      .selectOption({ label: 'Demo ISP (reseller Norte Conecta)' });
    await expect
      .poll(() => page.getByTestId('operator-who').textContent())
      .toBe('norte_conecta · reseller');
    const tree = await pool.query<{ subscribers: number }>(
      `SELECT count(*)::int AS subscribers FROM subscribers WHERE reseller_id IN (2, 6, 7, 11)`,
    );
    expect(await page.getByTestId('operator-reseller').textContent()).toBe(
      `Norte Conecta (tree: 4 resellers, ${tree.rows[0]!.subscribers.toLocaleString('en-US')} subscribers)`,
    );
    expect(await page.getByTestId('operator-may').textContent()).toBe('may view');
    await expect.poll(() => page.getByTestId('session-row').count()).toBeGreaterThan(10);
    await page.getByTestId('refresh-pause').click();
    let compared = false;
    for (let attempt = 0; attempt < 8 && !compared; attempt += 1) {
      const before = await norteConectaOnlineInDatabase();
      await refreshNow();
      const after = await norteConectaOnlineInDatabase();
      if (JSON.stringify([...before.perNas]) !== JSON.stringify([...after.perNas])) continue;
      const shown = await onlineOnScreen();
      expect(shown.total).toBe(after.total);
      expect(Object.fromEntries(shown.perNas)).toEqual(Object.fromEntries(after.perNas));
      compared = true;
    }
    expect(compared, 'the database held still across one refresh').toBe(true);
    expect((await onlineOnScreen()).total).toBeLessThan((await onlineInDatabase()).total);
    expect(await page.getByTestId('disconnect-session').count()).toBe(0);
    expect(await page.getByTestId('select-session').count()).toBe(0);
    expect(await page.getByTestId('nav-nas').count()).toBe(0);
    await snapshot(page, 'demo-07b-reseller-norte-conecta');

    await page.getByTestId('profile-switcher').selectOption({ label: 'Demo ISP' });
    await expect
      .poll(() => page.getByTestId('operator-who').textContent())
      .toBe('session_desk_demo · admin');
  });

  it('gives a browser without the token no data: the page says where to find it', async () => {
    const stranger = await browser.newContext();
    try {
      const tab = await stranger.newPage();
      const origin = new URL(demoUrl).origin;
      // The page's own files load (they hold no data); every call is refused.
      await tab.goto(origin + '/');
      await tab.getByTestId('start-failed').waitFor();
      expect(await tab.getByTestId('start-error').textContent()).toMatch(
        /carries no access token.*printed in its console/,
      );
      await snapshot(tab, 'demo-08-no-token');
      // Nor with a wrong token; and no cookie was ever set for another page to reuse.
      await tab.goto(`${origin}/?token=not-the-token`);
      await tab.getByTestId('start-failed').waitFor();
      expect(await tab.getByTestId('start-error').textContent()).toMatch(/refused this page/);
      expect(tab.url()).not.toContain('token=');
      expect(await stranger.cookies()).toEqual([]);
      expect(await page.context().cookies()).toEqual([]);
    } finally {
      await stranger.close();
    }
  });

  it('keeps its PostgreSQL to itself: no superuser over TCP, a private cluster folder', async () => {
    const asSuperuser = new pg.Client({
      host: '127.0.0.1',
      port: pgPort,
      user: 'postgres',
      database: 'postgres',
    });
    asSuperuser.on('error', () => undefined);
    await expect(asSuperuser.connect()).rejects.toThrow();
    await asSuperuser.end().catch(() => undefined);
    const role = await pool.query<{ rolsuper: boolean }>(
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    expect(role.rows[0]!.rolsuper).toBe(false);
    expect(basename(clusterFolder)).toMatch(/^session-desk-demo-pg-[A-Za-z0-9]{6}$/);
    expect((statSync(clusterFolder).mode & 0o777).toString(8)).toBe('700');
  });

  it('npm run browser on the demo folder reopens the saved Demo ISP profile', async () => {
    const served = run(browserEntry, ['--data-dir', join(dataDir, 'demo'), '--port', '0']);
    try {
      const url = (
        await waitForOutput(served, /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/, 30_000)
      )[0];
      expect(url).not.toBe(demoUrl);
      const tab = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await tab.goto(url);
      await expect
        .poll(() => tab.getByTestId('stat-total').locator('strong').textContent(), {
          timeout: 20_000,
        })
        .toMatch(/^\d[\d,]+$/);
      expect(
        await tab.locator('[data-testid="profile-switcher"] option:checked').textContent(),
      ).toContain('Demo ISP');
      await expect.poll(() => tab.getByTestId('session-row').count()).toBeGreaterThan(10);
      await snapshot(tab, 'demo-09-npm-run-browser-saved-profile');
      await tab.close();
    } finally {
      expect(await stopWithCtrlC(served)).toBe(0);
    }
  });

  it('Ctrl-C stops the demo and leaves nothing running, PostgreSQL included', async () => {
    const postgresChildren = childrenOf(postmasterPid);
    expect(processAlive(postmasterPid)).toBe(true);
    await pool.end();
    pool = undefined as unknown as pg.Pool;

    expect(await stopWithCtrlC(demo)).toBe(0);
    expect(demo.output()).not.toMatch(/Stopping .*:/);
    await expect.poll(() => processAlive(postmasterPid), { timeout: 15_000 }).toBe(false);
    for (const pid of postgresChildren)
      expect(processAlive(pid), `postgres child ${pid}`).toBe(false);
    expect(await portAccepts(pgPort)).toBe(false);
    expect(await portAccepts(Number(new URL(demoUrl).port))).toBe(false);
    expect(existsSync(join(clusterFolder, 'postmaster.pid'))).toBe(false);
    expect(existsSync(clusterFolder)).toBe(false);
  }, 60_000);
});
