import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PppActiveSession } from '../../src-main/demo/simulated-nas/ppp-active-table';
import { writeAccountingStop } from '../support/accounting-stop';
import type { AppServer } from '../support/app-server';
import { hasChromium, snapshot } from '../support/browser';
import { disconnectConfirmed } from '../support/confirm-disconnect';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startCoaPeer } from '../support/coa-peer/coa-peer';
import { peerSecret } from '../support/coa-peer/disconnect-fixture';
import { nasAccessDraft } from '../support/nas-access-draft';
import { nocCredentials } from '../support/routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from '../support/routeros-peer/routeros-peer';
import { startRouterOsDesk, type RouterOsDesk } from '../support/routeros-desk';
import { insertSessions, online } from '../support/seed';

// One BNG on loopback that speaks the RouterOS API and, like a real one, sends the
// Accounting-Stop when a session is removed (here: writes it to radacct). A second NAS has
// no credentials at all, so its disconnect fails and says why.
const bngIp = '127.0.10.7';
const bareNasIp = '127.0.10.8';
/** A NAS that refuses this workstation's API login and never answers CoA. */
const refusingIp = '127.0.10.9';
let runOnRefusingNas = 0;

interface Subscriber {
  username: string;
  ip: string;
  mac: string;
  acctSessionId: string;
}

const subscriber = (name: string, n: number): Subscriber => ({
  username: `${name}@isp.example`,
  ip: `100.64.7.${n}`,
  mac: `AA:BB:CC:07:00:${String(n).padStart(2, '0')}`,
  acctSessionId: `81a0000${n}`,
});

const alice = subscriber('alice', 1);
const carol = subscriber('carol', 2);
const dave = subscriber('dave', 3);
const erin = subscriber('erin', 4);
/** The BNG removes gina's session but its Accounting-Stop never reaches radacct. */
const gina = subscriber('gina', 6);
/** Two sessions of one subscriber (a test router left logged in), for Disconnect All. */
const hank = subscriber('hank', 7);
const hankAgain = { ...subscriber('hank', 8), username: hank.username };
const onBng = [alice, carol, dave, erin, gina, hank, hankAgain];
const frank = subscriber('frank', 5);

let db: TestDatabase;
let desk: RouterOsDesk;
let peer: RouterOsPeer;
let app: AppServer;
let browser: Browser;
let page: Page;
let everyone: Subscriber[] = [];
/** radacctid by acctsessionid. */
const radacctIdOf = new Map<string, string>();

/** What a BNG's Accounting-Stop does to radacct after an admin removal. */
async function recordStop(removed: PppActiveSession): Promise<void> {
  const acctSessionId = removed.id.slice(1);
  if (acctSessionId === gina.acctSessionId) return;
  await writeAccountingStop(db.pool(), acctSessionId);
}

async function isOnlineInDatabase(who: Subscriber): Promise<boolean> {
  const result = await db
    .pool()
    .query('SELECT 1 FROM radacct WHERE acctsessionid = $1 AND acctstoptime IS NULL', [
      who.acctSessionId,
    ]);
  return result.rowCount === 1;
}

const rowOf = (who: Subscriber): Locator =>
  page.locator(
    `[data-testid="session-row"][data-session-id="${radacctIdOf.get(who.acctSessionId)}"]`,
  );

describe.skipIf(!hasChromium)('Disconnect in Chromium', () => {
  beforeAll(async () => {
    db = await createTestDatabase({ schema: 'stock+panel' });
    await db.pool().query(
      `INSERT INTO nas_devices (name, ip_address)
         VALUES ('bng-east', $1), ('bng-west', $2), ('bng-south', $3)`,
      [bngIp, bareNasIp, refusingIp],
    );
    everyone = [...onBng, frank];
    const ids = await insertSessions(
      db.pool(),
      everyone.map((who) =>
        online({
          username: who.username,
          nas: who === frank ? bareNasIp : bngIp,
          ip: who.ip,
          mac: who.mac,
          sessionId: who.acctSessionId,
        }),
      ),
    );
    everyone.forEach((who, index) => radacctIdOf.set(who.acctSessionId, ids[index]!));

    desk = await startRouterOsDesk(db, {
      bngIp,
      sessions: onBng.map((who) => ({
        id: `*${who.acctSessionId}`,
        name: who.username,
        address: who.ip,
        callerId: who.mac,
      })),
      onRemove: recordStop,
    });
    ({ peer, app, browser, page } = desk);
    await page.getByTestId('stat-total').waitFor();
    await page
      .locator('[data-testid="session-row"]')
      .nth(everyone.length - 1)
      .waitFor();
  });

  afterAll(async () => {
    await desk?.close();
    await db?.drop();
  });

  it('disconnects one session through the RouterOS API and shows it go offline', async () => {
    // A slow NAS, so the row's "Disconnecting…" can be seen while the page stays usable.
    peer.switches.slowMs = 1_500;
    await disconnectConfirmed(page, rowOf(alice));
    await expect.poll(() => rowOf(alice).getByTestId('disconnecting').count()).toBe(1);
    // The page stays usable meanwhile: another row can be ticked and unticked.
    await rowOf(erin).getByTestId('select-session').check();
    await expect
      .poll(() => page.getByTestId('bulk-selected-count').textContent())
      .toMatch(/1 selected/);
    await snapshot(page, 'e2e-disconnect-01-disconnecting');
    await rowOf(erin).getByTestId('select-session').uncheck();
    // Off the table, which holds its rows still while the pointer is on it.
    await page.mouse.move(0, 0);
    peer.switches.slowMs = 0;

    const toast = page.getByTestId('toast').filter({ hasText: alice.username });
    await expect
      .poll(() => toast.textContent(), { timeout: 30_000 })
      .toContain(`Disconnected ${alice.username} via RouterOS API`);
    await expect.poll(() => isOnlineInDatabase(alice)).toBe(false);
    // The online list drops the session without waiting for the next auto-refresh.
    await expect.poll(() => rowOf(alice).count()).toBe(0);
    await snapshot(page, 'e2e-disconnect-02-toast');

    await page.getByTestId('status-select').selectOption('all');
    await page.getByTestId('search-box').fill('alice');
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    await expect.poll(() => rowOf(alice).getByTestId('status-badge').textContent()).toBe('offline');
    expect(await rowOf(alice).textContent()).toContain('Admin-Reset');
    expect(await rowOf(alice).getByTestId('disconnect-session').count()).toBe(0);
    expect(await isOnlineInDatabase(erin)).toBe(true);
    await snapshot(page, 'e2e-disconnect-03-offline');

    await page.getByTestId('search-box').fill('');
    await page.getByTestId('status-select').selectOption('online');
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(everyone.length - 1);
  });

  it('says why a disconnect failed when the NAS has no way in', async () => {
    await disconnectConfirmed(page, rowOf(frank));
    const toast = page.getByTestId('toast').filter({ hasText: 'Disconnect failed' });
    await expect.poll(() => toast.count(), { timeout: 30_000 }).toBe(1);
    expect(await toast.getAttribute('data-tone')).toBe('danger');
    expect(await isOnlineInDatabase(frank)).toBe(true);
    await snapshot(page, 'e2e-disconnect-04-failed-toast');
    await toast.getByTestId('toast-close').click();
    await expect.poll(() => toast.count()).toBe(0);
  });

  it('disconnects two selected sessions as a bulk run with a result list', async () => {
    await rowOf(carol).getByTestId('select-session').check();
    await rowOf(dave).getByTestId('select-session').check();
    await expect
      .poll(() => page.getByTestId('bulk-selected-count').textContent())
      .toMatch(/2 selected/);
    await page.getByTestId('bulk-disconnect-selected').click();

    const confirm = page.getByTestId('bulk-confirm');
    await confirm.waitFor();
    await expect.poll(() => page.getByTestId('bulk-confirm-count').textContent()).toBe('2');
    await snapshot(page, 'e2e-disconnect-05-bulk-confirm');
    await page.getByTestId('bulk-confirm-go').click();

    const progress = page.getByTestId('bulk-progress');
    await progress.waitFor();
    await expect
      .poll(() => progress.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('finished');
    expect(await page.getByTestId('bulk-done').textContent()).toBe('2');
    await expect.poll(() => page.getByTestId('bulk-result').count()).toBe(2);
    const results = await page
      .getByTestId('bulk-result')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-result')));
    expect(results).toEqual(['done', 'done']);
    const listed = await page.getByTestId('bulk-results').textContent();
    expect(listed).toContain(carol.username);
    expect(listed).toContain(dave.username);
    await snapshot(page, 'e2e-disconnect-06-bulk-finished');

    await page.getByTestId('bulk-failures-only').check();
    await expect.poll(() => page.getByTestId('bulk-result').count()).toBe(0);
    await page.getByTestId('bulk-close').click();
    await expect.poll(() => progress.count()).toBe(0);

    expect(await isOnlineInDatabase(carol)).toBe(false);
    expect(await isOnlineInDatabase(dave)).toBe(false);
    expect(await isOnlineInDatabase(erin)).toBe(true);
    // alice, carol and dave are gone.
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(everyone.length - 3);
    expect(await page.getByTestId('bulk-selected-count').count()).toBe(0);
  });

  it('offers the other path when the NAS acknowledged but no Accounting-Stop came', async () => {
    await disconnectConfirmed(page, rowOf(gina));
    const warning = page.getByTestId('toast').filter({ hasText: 'session still open' });
    // The app watches radacct for the grace period (10 s) before it says so.
    await expect.poll(() => warning.count(), { timeout: 30_000 }).toBe(1);
    expect(await warning.getAttribute('data-tone')).toBe('warning');
    expect(await warning.textContent()).toContain(gina.username);
    expect(await warning.getByTestId('toast-try-other-path').textContent()).toBe('Try CoA');
    await snapshot(page, 'e2e-disconnect-07-still-online');

    // No CoA secret is set for this NAS: the second try fails and says what to set.
    await warning.getByTestId('toast-try-other-path').click();
    const failed = page.getByTestId('toast').filter({ hasText: 'Disconnect failed' });
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(1);
    expect(await failed.textContent()).toMatch(/CoA/);
    await failed.getByTestId('toast-close').click();
  });

  it('disconnects every session of one subscriber after confirming the count', async () => {
    await rowOf(hank).getByTestId('disconnect-user').click();
    await page.getByTestId('bulk-confirm').waitFor();
    await expect.poll(() => page.getByTestId('bulk-confirm-count').textContent()).toBe('2');
    expect(await page.getByTestId('bulk-confirm').textContent()).toContain(hank.username);
    await page.getByTestId('bulk-confirm-go').click();

    const progress = page.getByTestId('bulk-progress');
    await expect
      .poll(() => progress.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('finished');
    expect(await page.getByTestId('bulk-done').textContent()).toBe('2');
    await page.getByTestId('bulk-close').click();
    expect(await isOnlineInDatabase(hank)).toBe(false);
    expect(await isOnlineInDatabase(hankAgain)).toBe(false);
    await expect.poll(() => rowOf(hankAgain).count()).toBe(0);
  });

  it('disconnects all sessions matching the filter, lists the failure and retries it', async () => {
    await page.getByTestId('nas-select').selectOption(bareNasIp);
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    const everyMatching = page.getByTestId('bulk-disconnect-filter');
    expect(await everyMatching.textContent()).toMatch(/Disconnect all 1 matching this filter/);
    await everyMatching.click();
    await expect.poll(() => page.getByTestId('bulk-confirm-count').textContent()).toBe('1');
    await page.getByTestId('bulk-confirm-go').click();

    const progress = page.getByTestId('bulk-progress');
    await expect
      .poll(() => progress.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('finished');
    expect(await page.getByTestId('bulk-failed').textContent()).toBe('1');
    await page.getByTestId('bulk-failures-only').check();
    const failures = page.getByTestId('bulk-result');
    await expect.poll(() => failures.count()).toBe(1);
    expect(await failures.first().getAttribute('data-result')).toBe('failed');
    expect(await failures.first().textContent()).toContain(frank.username);
    await snapshot(page, 'e2e-disconnect-08-bulk-failure');

    const firstRun = await progress.getAttribute('data-run-id');
    await page.getByTestId('bulk-retry-failed').click();
    await expect.poll(() => progress.getAttribute('data-run-id')).not.toBe(firstRun);
    await expect
      .poll(() => progress.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('finished');
    expect(await page.getByTestId('bulk-failed').textContent()).toBe('1');
    await page.getByTestId('bulk-close').click();
    expect(await isOnlineInDatabase(frank)).toBe(true);
    await page.getByTestId('nas-select').selectOption('');
  });

  it('follows a bulk run by polling its report when progress events are lost', async () => {
    // A second window whose bridge socket loses every event main pushes, as a dropped
    // socket would: the dialog must still reach the end by asking for the report.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    let eventsLost = 0;
    await context.routeWebSocket(/\/bridge$/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        if (String(message).startsWith('{"event"')) eventsLost += 1;
        else socket.send(message);
      });
    });
    const deaf = await context.newPage();
    try {
      await deaf.goto(app.server.url);
      const erinRow = deaf.locator(
        `[data-testid="session-row"][data-session-id="${radacctIdOf.get(erin.acctSessionId)}"]`,
      );
      await erinRow.getByTestId('select-session').check();
      await deaf.getByTestId('bulk-disconnect-selected').click();
      await expect.poll(() => deaf.getByTestId('bulk-confirm-count').textContent()).toBe('1');
      await deaf.getByTestId('bulk-confirm-go').click();
      const progress = deaf.getByTestId('bulk-progress');
      await expect
        .poll(() => progress.getAttribute('data-state'), { timeout: 30_000 })
        .toBe('finished');
      expect(await deaf.getByTestId('bulk-done').textContent()).toBe('1');
      await expect.poll(() => deaf.getByTestId('bulk-result').count()).toBe(1);
      expect(eventsLost).toBeGreaterThan(0);
      expect(await isOnlineInDatabase(erin)).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('cancels a bulk run midway: nothing more is sent, and every session is left alone', async () => {
    // 12 sessions on one NAS: 8 go out at once (the per-NAS bound), 4 wait in the queue; the
    // slow NAS has not answered the first 8 when Cancel is pressed.
    const ivans = Array.from({ length: 12 }, (_, n) => ({
      ...subscriber(`ivan${String(n).padStart(2, '0')}`, 20 + n),
      acctSessionId: `81b000${String(n).padStart(2, '0')}`,
    }));
    await insertSessions(
      db.pool(),
      ivans.map((who) =>
        online({
          username: who.username,
          nas: bngIp,
          ip: who.ip,
          mac: who.mac,
          sessionId: who.acctSessionId,
        }),
      ),
    );
    peer.sessions.push(
      ...ivans.map((who) => ({
        id: `*${who.acctSessionId}`,
        name: who.username,
        address: who.ip,
        callerId: who.mac,
      })),
    );
    peer.switches.slowMs = 1_500;
    try {
      await page.getByTestId('search-box').fill('ivan');
      await expect.poll(() => page.getByTestId('session-row').count()).toBe(12);
      await page.getByTestId('bulk-disconnect-filter').click();
      await expect.poll(() => page.getByTestId('bulk-confirm-count').textContent()).toBe('12');
      await page.getByTestId('bulk-confirm-go').click();
      const progress = page.getByTestId('bulk-progress');
      await progress.waitFor();
      await page.getByTestId('bulk-cancel').click();
      await snapshot(page, 'e2e-disconnect-09-cancelling');
      await expect
        .poll(() => progress.getAttribute('data-state'), { timeout: 30_000 })
        .toBe('cancelled');
      const removesBefore = peer.sentences.filter(
        (sentence) => sentence.words[0] === '/ppp/active/remove',
      ).length;
      expect(await page.getByTestId('bulk-cancelled').textContent()).toBe('12');
      expect(await page.getByTestId('bulk-done').textContent()).toBe('0');
      expect(await page.getByTestId('bulk-answered').textContent()).toBe('0');
      // Still online counts every session radacct shows open, the ones never sent included.
      expect(await page.getByTestId('bulk-sessions-open').textContent()).toBe('12');
      // Not "Answered 100%": the dialog says how many the NAS answered before Cancel.
      expect(await page.getByTestId('bulk-progress-state').textContent()).toMatch(
        /^Cancelled: the NAS answered 0 of 12 sessions before Cancel; 12 were not sent$/,
      );
      await snapshot(page, 'e2e-disconnect-10-cancelled');
      await page.getByTestId('bulk-close').click();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(
        peer.sentences.filter((sentence) => sentence.words[0] === '/ppp/active/remove'),
      ).toHaveLength(removesBefore);
      await expect.poll(() => page.getByTestId('session-row').count()).toBe(12);
    } finally {
      peer.switches.slowMs = 0;
      await page.getByTestId('search-box').fill('');
    }
  });

  it('fails fast on a NAS that refuses the API login and never answers CoA, and says so once', async () => {
    // 200 sessions on a NAS whose API refuses this login and whose CoA port is silent: the
    // run gives both paths up after the first sessions instead of paying 7 s of CoA for each.
    const refusing = await startRouterOsPeer({
      host: refusingIp,
      credentials: { user: 'someone-else', password: 'x' },
    });
    const silentCoa = await startCoaPeer({
      address: refusingIp,
      secret: peerSecret,
      behaviour: { answer: 'silent' },
    });
    try {
      await app.harness.ok(
        'nasAccess.save',
        nasAccessDraft({
          nasIp: refusingIp,
          apiUser: nocCredentials.user,
          apiPassword: nocCredentials.password,
          apiPort: refusing.port,
          coaPort: silentCoa.port,
          coaSecret: peerSecret,
        }),
      );
      await insertSessions(
        db.pool(),
        Array.from({ length: 200 }, (_, n) =>
          online({
            username: `refused${String(n).padStart(3, '0')}@isp.example`,
            nas: refusingIp,
            ip: `100.64.9.${(n % 250) + 1}`,
            sessionId: `81c00${String(n).padStart(3, '0')}`,
          }),
        ),
      );
      await page.reload();
      await page.getByTestId('nas-select').selectOption(refusingIp);
      await expect
        .poll(() => page.getByTestId('bulk-disconnect-filter').textContent())
        .toMatch(/Disconnect all 200 matching this filter/);
      await page.getByTestId('bulk-disconnect-filter').click();
      await expect.poll(() => page.getByTestId('bulk-confirm-count').textContent()).toBe('200');
      expect(await page.getByTestId('bulk-confirm-description').textContent()).toBe(
        `online sessions on NAS bng-south (${refusingIp})`,
      );
      await snapshot(page, 'e2e-disconnect-11-bulk-confirm-named');
      await page.getByTestId('bulk-confirm-go').click();

      const progress = page.getByTestId('bulk-progress');
      await expect.poll(() => page.getByTestId('bulk-notice').count(), { timeout: 30_000 }).toBe(2);
      await snapshot(page, 'e2e-disconnect-12-bulk-fail-fast');
      // Seconds, not minutes: one CoA wait (7 s) and one radacct watch (10 s) for the first
      // sessions; the rest skip both paths.
      await expect
        .poll(() => progress.getAttribute('data-state'), { timeout: 60_000 })
        .toBe('finished');
      expect(await page.getByTestId('bulk-failed').textContent()).toBe('200');
      expect(await page.getByTestId('bulk-sessions-open').textContent()).toBe('200');
      const notices = await page.getByTestId('bulk-notice').allTextContents();
      expect(notices[0]).toMatch(
        /^RouterOS API on bng-south \(127\.0\.10\.9\): login refused earlier in this run/,
      );
      expect(notices[1]).toMatch(/^CoA on bng-south \(127\.0\.10\.9\): no answer 3 times in a row/);
      expect(refusing.sentences.filter((sentence) => sentence.words[0] === '/login')).toHaveLength(
        1,
      );
      expect(
        new Set(silentCoa.received.map((request) => request.acctSessionId)).size,
      ).toBeLessThanOrEqual(16);
      await snapshot(page, 'e2e-disconnect-13-bulk-fail-fast-finished');
      runOnRefusingNas = Number(await progress.getAttribute('data-run-id'));
      await page.getByTestId('bulk-close').click();
      await page.getByTestId('nas-select').selectOption('');
    } finally {
      await refusing.close();
      await silentCoa.close();
    }
    // ~26 s on an idle machine (one 7 s CoA wait, one 10 s radacct watch, 200 sessions): the
    // default 30 s cut it off in one CI pass; its own polls above allow 30 + 60 s.
  }, 100_000);

  it('groups a run’s entries in the audit log and filters them by run, result and NAS', async () => {
    await page.getByTestId('nav-audit').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    await page.getByTestId('audit-filter-run').selectOption(String(runOnRefusingNas));
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(100);
    const runs = await page.getByTestId('audit-run').allTextContents();
    expect(new Set(runs)).toEqual(new Set([`Run ${runOnRefusingNas}`]));
    const detail = await page.getByTestId('audit-detail').first().textContent();
    expect(detail).toMatch(/^Disconnect failed/);
    // Each outcome said once: no run prefix, no list of attempts after the message.
    expect(detail).not.toMatch(/^Run \d|\[RouterOS API/);
    await snapshot(page, 'e2e-disconnect-14-audit-by-run');

    await page.getByTestId('audit-filter-clear').click();
    await page.getByTestId('audit-filter-result').selectOption('done');
    await page.getByTestId('audit-filter-nas').selectOption(bngIp);
    await expect
      .poll(async () => new Set(await page.getByTestId('audit-result').allTextContents()))
      .toEqual(new Set(['done']));
    expect(await page.getByTestId('audit-row').first().textContent()).toContain('bng-east');
    await snapshot(page, 'e2e-disconnect-15-audit-filtered');
    await page.getByTestId('audit-filter-clear').click();
  });

  it('keeps "require a Message-Authenticator in replies" per NAS, and the pipeline reads it', async () => {
    await page.getByTestId('nav-nas').click();
    await page.locator(`[data-testid="nas-list-item"][data-nas-ip="${bngIp}"]`).click();
    const required = page.getByTestId('nas-require-message-authenticator');
    expect(await required.isChecked()).toBe(false);
    await required.check();
    await page.getByTestId('nas-save').click();
    await expect.poll(() => page.getByTestId('nas-notice').textContent()).toMatch(/Saved/);
    await page.reload();
    await page.getByTestId('nav-nas').click();
    await page.locator(`[data-testid="nas-list-item"][data-nas-ip="${bngIp}"]`).click();
    expect(await page.getByTestId('nas-require-message-authenticator').isChecked()).toBe(true);
    const [profile] = app.harness.store.profiles.list();
    expect(app.harness.store.nasAccess.get(profile!.id, bngIp)).toMatchObject({
      requireMessageAuthenticator: true,
    });
    await snapshot(page, 'e2e-disconnect-16-nas-requires-message-authenticator');
  });
});
