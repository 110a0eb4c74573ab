// `npm run app`: build, make sure better-sqlite3 exists for Electron's ABI, start Electron.
//
// better-sqlite3 is a native addon. The tests run on Node and need Node's build in
// node_modules; Electron needs one built against its own headers. Rebuilding in place would
// break one path or the other, so the Electron build goes to .native/ and main loads it
// through SESSION_DESK_SQLITE_BINDING. This never runs at install: it needs Electron's
// headers, which only a machine that can download Electron can fetch.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = dirname(dirname(new URL(import.meta.url).pathname));
const run = (command, args, options = {}) =>
  execFileSync(command, args, { stdio: 'inherit', cwd: root, ...options });

run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build']);

const electronVersion = require('electron/package.json').version;
let electronBinary;
try {
  electronBinary = require('electron'); // path of the binary; throws when not downloaded yet
} catch {
  console.log('Downloading the Electron binary (first launch only)…');
  run(process.execPath, [require.resolve('electron/install.js')]);
  electronBinary = require('electron');
}

const nativeFolder = join(root, '.native', `electron-${electronVersion}`, 'better-sqlite3');
const binding = join(nativeFolder, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(binding)) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
  mkdirSync(dirname(nativeFolder), { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), nativeFolder, {
    recursive: true,
    filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
  });
  const nodeGyp = join(
    dirname(process.execPath),
    '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  );
  // npm passes its own nodedir (Node's headers) through the environment: drop it, or the
  // addon would be built for Node instead of Electron.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_config_nodedir$/i.test(name)),
  );
  run(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: nativeFolder, env },
  );
}

const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SESSION_DESK_SQLITE_BINDING: binding },
});
child.on('exit', (code) => process.exit(code ?? 0));
