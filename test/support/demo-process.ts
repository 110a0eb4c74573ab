// `npm run demo -- --browser` run as a newcomer runs it, for the end-to-end tests: the child
// process, its page's address and its database, and closing all of it again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { localStoreFile } from '../../src-main/data-folder';
import { demoProfileName } from '../../src-main/demo/demo-profile';
import { openLocalStore } from '../../src-main/local-store';
import { createKeyFileSealer } from '../../src-main/secrets/key-file-sealer';
import { repoRoot, run, stopWithCtrlC, waitForOutput, type Running } from './child-process';

/**
 * The demo prints no password: read it where the demo saved it, as the operator's own
 * account could (the profile store and its key file in the demo folder).
 */
export function demoDatabasePassword(demoFolder: string): string {
  const store = openLocalStore(localStoreFile(demoFolder), createKeyFileSealer(demoFolder));
  try {
    const demoProfile = store.profiles.list().find((p) => p.name === demoProfileName)!;
    return store.profiles.get(demoProfile.id)!.password!;
  } finally {
    store.close();
  }
}

/** `npm run demo -- --browser` up and answering: the process, its page and its database. */
export interface RunningDemo {
  demo: Running;
  dataDir: string;
  url: string;
  pgPort: number;
  /** The demo's PostgreSQL as the demo's own role (owner of its database). */
  pool: pg.Pool;
  /** The cluster's data folder, to prove it stops and to remove it. */
  clusterFolder: string;
}

const demoEntry = resolve(repoRoot, 'out/main/demo.js');

/** Starts the built demo in browser mode in a fresh data folder; resolves once it serves. */
export async function startDemo(
  folderPrefix: string,
  stdin: 'ignore' | 'pipe' = 'ignore',
): Promise<RunningDemo> {
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  const demo = run(demoEntry, ['--browser', '--data-dir', dataDir, '--port', '0'], stdin);
  const database = await waitForOutput(
    demo,
    /PostgreSQL on 127\.0\.0\.1:(\d+), database (\w+), role (\w+); files in (\S+)\)/,
    120_000,
  );
  const pgPort = Number(database[1]);
  const clusterFolder = database[4]!;
  const url = (await waitForOutput(demo, /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/, 60_000))[0];
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: pgPort,
    user: database[3],
    password: demoDatabasePassword(join(dataDir, 'demo')),
    database: database[2],
  });
  pool.on('error', () => undefined);
  return { demo, dataDir, url, pgPort, pool, clusterFolder };
}

/** Closes what a demo test opened, whatever got as far as opening: Chromium, the pool, the demo. */
export async function closeDemo(opened: {
  browser?: { close(): Promise<void> } | undefined;
  pool?: pg.Pool | undefined;
  demo?: Running | undefined;
  dataDir?: string | undefined;
}): Promise<void> {
  await opened.browser?.close();
  await opened.pool?.end();
  // The demo removes its own cluster folder when it stops.
  if (opened.demo) await stopWithCtrlC(opened.demo);
  if (opened.dataDir) rmSync(opened.dataDir, { recursive: true, force: true });
}
