import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { demoPingEnv } from '../ping/demo-ping';

export interface DesktopApp {
  /** Resolves when the app has closed (the operator closed its window, or stop()). */
  closed: Promise<void>;
  stop(): void;
}

/**
 * Whether the Electron binary is there, downloading it first when it is not (npm install
 * never does: electron's install script is denied). False on a machine that cannot reach
 * Electron's download host.
 */
export function ensureElectronBinary(repoRoot: string): boolean {
  const require = createRequire(join(repoRoot, 'package.json'));
  const electronFolder = dirname(require.resolve('electron/package.json'));
  // What electron/index.js checks, without its download that prints a stack trace on failure.
  const present = () => {
    const pathFile = join(electronFolder, 'path.txt');
    return (
      existsSync(pathFile) &&
      existsSync(join(electronFolder, 'dist', readFileSync(pathFile, 'utf8').trim()))
    );
  };
  if (present()) return true;
  console.log('Downloading the Electron binary (first launch only)…');
  const download = spawnSync(process.execPath, [join(electronFolder, 'install.js')], {
    cwd: repoRoot,
    stdio: 'ignore',
  });
  return download.status === 0 && present();
}

/**
 * Opens the desktop app on the demo's data folder through scripts/launch-electron.mjs
 * (which builds better-sqlite3 for Electron), with env added to its environment. It runs
 * in a process group of its own so stop() ends the launcher and Electron together.
 */
export function launchDesktopApp(
  repoRoot: string,
  dataFolder: string,
  env: Record<string, string>,
): DesktopApp {
  const launcher = spawn(
    process.execPath,
    [join(repoRoot, 'scripts/launch-electron.mjs'), `--user-data-dir=${dataFolder}`],
    // The demo's framed IPs are made up: the app it opens pings loopback instead.
    {
      cwd: repoRoot,
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, ...env, [demoPingEnv]: '1' },
    },
  );
  const closed = new Promise<void>((resolve) => launcher.once('exit', () => resolve()));
  return {
    closed,
    stop() {
      if (launcher.exitCode !== null || launcher.pid === undefined) return;
      try {
        process.kill(-launcher.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    },
  };
}
