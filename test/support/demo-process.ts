// A built entry point (the demo, browser mode) run as a child process the way a newcomer runs
// it, with everything it prints kept for assertions and failure messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import pg from 'pg';

const repoRoot = resolve(import.meta.dirname, '../..');

/** A child process and everything it has printed so far. */
export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** stdin 'pipe' lets a test type into the process (the demo's console). */
export function run(entry: string, args: string[], stdin: 'ignore' | 'pipe' = 'ignore'): Running {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: repoRoot,
    stdio: [stdin, 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** Waits until the process prints a line matching the pattern; fails with what it said. */
export async function waitForOutput(
  running: Running,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void running.exited.then((code) => (exitCode = code));
  for (;;) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (exitCode !== undefined || Date.now() > deadline) {
      throw new Error(
        `${exitCode !== undefined ? `exited with ${exitCode}` : 'timed out'} before printing ${pattern}:\n${running.output()}`,
      );
    }
    await new Promise((tick) => setTimeout(tick, 100));
  }
}

export async function stopWithCtrlC(running: Running, timeoutMs = 30_000): Promise<number | null> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) {
    return running.child.exitCode;
  }
  running.child.kill('SIGINT');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), timeoutMs);
  try {
    return await running.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** `npm run demo -- --browser` up and answering: the process, its page and its database. */
export interface RunningDemo {
  demo: Running;
  dataDir: string;
  url: string;
  pgPort: number;
  /** The demo's PostgreSQL, as a DBA would connect (it trusts loopback). */
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
    /PostgreSQL on 127\.0\.0\.1:(\d+), database (\w+)/,
    120_000,
  );
  const pgPort = Number(database[1]);
  const url = (await waitForOutput(demo, /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/, 60_000))[0];
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: pgPort,
    user: 'postgres',
    database: database[2],
  });
  pool.on('error', () => undefined);
  const clusterFolder = (await pool.query<{ data_directory: string }>('SHOW data_directory'))
    .rows[0]!.data_directory;
  return { demo, dataDir, url, pgPort, pool, clusterFolder };
}

/** Removes the demo's data folder and, as root, its cluster in the temporary folder. */
export function removeDemoFolders(dataDir: string, clusterFolder: string | undefined): void {
  rmSync(dataDir, { recursive: true, force: true });
  // As root the cluster lives in the temporary folder (see embedded-database.ts).
  if (clusterFolder && basename(dirname(clusterFolder)).startsWith('session-desk-demo-pg-')) {
    rmSync(dirname(clusterFolder), { recursive: true, force: true });
  }
}

/** Closes what a demo test opened, whatever got as far as opening: Chromium, the pool, the demo. */
export async function closeDemo(opened: {
  browser?: { close(): Promise<void> } | undefined;
  pool?: pg.Pool | undefined;
  demo?: Running | undefined;
  dataDir?: string | undefined;
  clusterFolder?: string | undefined;
}): Promise<void> {
  await opened.browser?.close();
  await opened.pool?.end();
  if (opened.demo) await stopWithCtrlC(opened.demo);
  if (opened.dataDir) removeDemoFolders(opened.dataDir, opened.clusterFolder);
}
