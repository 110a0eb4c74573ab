// Browser mode: the same core and renderer, without Electron. Serves the built renderer
// and the service on loopback, guarded by a token printed here.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveBrowserMode } from './browser-mode';
import { defaultDataFolder } from './data-folder';
import { checkBindHost, remoteBindWarning } from './loopback/bind-address';
import type { ProfileChoice } from './startup-profile';
import { connectionWords } from './connection-words';

const usage = `Usage: npm run browser -- [--data-dir DIR] [--port N] [--host ADDRESS]
                           [--profile NAME] [--database-url postgres://…]

Serves Session Desk on http://127.0.0.1:PORT for a browser on this machine, on the profile
used last, and the Automation API on POST /graphql beside it.
  --data-dir DIR    where profiles, saved filters and the password key live
                    (default ${defaultDataFolder()})
  --port N          port to listen on (default: a free one)
  --host ADDRESS    listen on this address instead of 127.0.0.1. Another loopback address
                    is fine; this machine's LAN address (for a wall screen) makes the
                    access token the only guard, sent in clear over HTTP
  --profile NAME    open this saved profile (with --database-url: save it under this name)
  --database-url URL
                    open this database with no screen involved, saved as a profile:
                    postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]. Without
                    a password in the URL, PGPASSWORD is used (a URL's password shows in
                    the process list; the saved profile keeps it sealed for next time)`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        profile: { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  let host: string | undefined;
  if (values.host !== undefined) {
    const checked = checkBindHost(values.host);
    if (!checked.ok) fail(checked.message);
    host = checked.host;
    if (!checked.loopback) console.warn(`\n${remoteBindWarning(host)}\n`);
  }
  const databaseUrl = values['database-url'];
  const profile: ProfileChoice | undefined =
    databaseUrl !== undefined
      ? {
          kind: 'url',
          url: databaseUrl,
          name: values.profile,
          environmentPassword: process.env.PGPASSWORD,
        }
      : values.profile !== undefined
        ? { kind: 'saved', name: values.profile }
        : undefined;
  return { dataFolder: values['data-dir'] ?? defaultDataFolder(), port, host, profile };
}

async function main(): Promise<void> {
  const { dataFolder, port, host, profile } = parseOptions();
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer');
  const browserMode = await serveBrowserMode({ dataFolder, port, host, rendererDir, profile });
  const where = host === undefined ? 'on loopback' : `on ${host}`;
  console.log(`Session Desk is serving ${where}. Open:\n\n  ${browserMode.url}\n`);
  console.log(connectionWords(browserMode.connection));
  console.log(
    `Automation API: POST ${browserMode.apiUrl} (npm run api-token -- create … makes a token).`,
  );
  console.log(`Data folder: ${dataFolder}. Press Ctrl-C to stop.`);

  const stop = async () => {
    await browserMode.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Session Desk could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
