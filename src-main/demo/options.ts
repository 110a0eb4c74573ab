import { parseArgs } from 'node:util';
import { defaultDataFolder } from '../data-folder';
import { checkBindHost, remoteBindWarning } from '../loopback/bind-address';

export interface DemoOptions {
  browser: boolean;
  port: number;
  /** Browser mode's address when --host names one; otherwise 127.0.0.1. */
  host?: string;
  /** The operator's data folder; the demo keeps to its own `demo/` folder inside it. */
  dataFolder: string;
}

export const usage = `Usage: npm run demo -- [--browser] [--port N] [--host ADDRESS] [--data-dir DIR]

Starts a demo ISP on this machine — an embedded PostgreSQL with FreeRADIUS accounting for a
few thousand subscribers, kept alive, and six simulated MikroTik BNGs on 127.0.10.1-6 —
then opens Session Desk on it. Ctrl-C stops everything.
  --browser       serve the app to a browser on this machine instead of opening the
                  desktop app (for machines without Electron or without a display)
  --port N        browser mode's port (default: a free one)
  --host ADDRESS  browser mode's address instead of 127.0.0.1. Another loopback address
                  is fine; this machine's LAN address (for a wall screen) makes the
                  access token the only guard, sent in clear over HTTP
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
        host: { type: 'string' },
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
  let host: string | undefined;
  if (values.host !== undefined) {
    if (!values.browser) {
      console.error('--host is for browser mode: add --browser.');
      process.exit(2);
    }
    const checked = checkBindHost(values.host);
    if (!checked.ok) {
      console.error(checked.message);
      process.exit(2);
    }
    host = checked.host;
    if (!checked.loopback) console.warn(`\n${remoteBindWarning(host)}\n`);
  }
  return {
    browser: values.browser ?? false,
    port,
    host,
    dataFolder: values['data-dir'] ?? defaultDataFolder(),
  };
}
