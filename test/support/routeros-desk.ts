import type { Browser, Page } from 'playwright-core';
import type { PppActiveSession } from '../../src-main/demo/simulated-nas/ppp-active-table';
import { startAppServer, type AppServer } from './app-server';
import { launchChromium } from './browser';
import type { TestDatabase } from './database';
import { nasAccessDraft } from './nas-access-draft';
import { nocCredentials } from './routeros-peer/peer-fixture';
import { startRouterOsPeer, type RouterOsPeer } from './routeros-peer/routeros-peer';
import { draftFor } from './service-harness';

/** A BNG that speaks the RouterOS API on loopback, the app connected to it, and a page open. */
export interface RouterOsDesk {
  peer: RouterOsPeer;
  app: AppServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export interface RouterOsDeskOptions {
  /** The BNG's loopback address; its NAS access is saved with the NOC credentials. */
  bngIp: string;
  sessions: PppActiveSession[];
  /** Where the BNG's Accounting-Stop goes once a session is removed. */
  onRemove: (session: PppActiveSession) => void | Promise<void>;
}

/**
 * Starts the RouterOS peer and the app server, saves and connects the database's profile,
 * saves the BNG's NAS access, and opens the app in Chromium. The caller waits for its rows.
 */
export async function startRouterOsDesk(
  db: TestDatabase,
  { bngIp, sessions, onRemove }: RouterOsDeskOptions,
): Promise<RouterOsDesk> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closeOne of closers.splice(0).reverse()) await closeOne();
  };
  try {
    const peer = await startRouterOsPeer({
      host: bngIp,
      credentials: nocCredentials,
      sessions,
      onRemove,
    });
    closers.push(() => peer.close());
    const app = await startAppServer();
    closers.push(() => app.close());
    const profile = await app.harness.ok('profiles.save', draftFor(db.profile, 'Core RADIUS'));
    await app.harness.ok('profiles.connect', { id: profile.id });
    await app.harness.ok(
      'nasAccess.save',
      nasAccessDraft({
        nasIp: bngIp,
        apiUser: nocCredentials.user,
        apiPassword: nocCredentials.password,
        apiPort: peer.port,
      }),
    );

    const browser = await launchChromium();
    closers.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.server.url);
    return { peer, app, browser, page, close };
  } catch (failure) {
    await close();
    throw failure;
  }
}
