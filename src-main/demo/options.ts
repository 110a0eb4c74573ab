import { parseArgs } from 'node:util';
import { defaultDataFolder } from '../data-folder';

export interface DemoOptions {
  browser: boolean;
  port: number;
  /** The operator's data folder; the demo keeps to its own `demo/` folder inside it. */
  dataFolder: string;
}

export const usage = `Usage: npm run demo -- [--browser] [--port N] [--data-dir DIR]

Starts a demo ISP on this machine — an embedded PostgreSQL with FreeRADIUS accounting for a
few thousand subscribers, kept alive, and six simulated MikroTik BNGs on 127.0.10.1-6 —
then opens Session Desk on it. Ctrl-C stops everything.
  --browser       serve the app to a browser on this machine instead of opening the
                  desktop app (for machines without Electron or without a display)
  --port N        browser mode's port (default: a free one)
  --data-dir DIR  data folder; the demo uses DIR/demo, apart from your own profiles
                  (default ${defaultDataFolder()})`;

/** Parses argv; prints usage and exits on --help, says what is wrong and exits on a bad option. */
export function parseDemoOptions(args: string[]): DemoOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        browser: { type: 'boolean' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }
  return {
    browser: values.browser ?? false,
    port,
    dataFolder: values['data-dir'] ?? defaultDataFolder(),
  };
}
