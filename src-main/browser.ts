// Browser mode: the same core and renderer, without Electron. Serves the built renderer
// and the service on loopback, guarded by a token printed here.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveBrowserMode } from './browser-mode';
import { defaultDataFolder } from './data-folder';

const usage = `Usage: npm run browser -- [--data-dir DIR] [--port N]

Serves Session Desk on http://127.0.0.1:PORT for a browser on this machine.
  --data-dir DIR  where profiles, saved filters and the password key live
                  (default ${defaultDataFolder()})
  --port N        port to listen on (default: a free one)`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }
  return { dataFolder: values['data-dir'] ?? defaultDataFolder(), port };
}

async function main(): Promise<void> {
  const { dataFolder, port } = parseOptions();
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer');
  const browserMode = await serveBrowserMode({ dataFolder, port, rendererDir });
  console.log(`Session Desk is serving on loopback. Open:\n\n  ${browserMode.url}\n`);
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
