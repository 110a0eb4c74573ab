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
  /** A simulated NAS to reboot once the demo is up: name or address, after how long. */
  rebootNas: { nas: string; afterSeconds: number; downSeconds: number } | null;
}

export const usage = `Usage: npm run demo -- [--browser] [--port N] [--host ADDRESS] [--data-dir DIR]
                    [--reboot-nas NAS [--after SECONDS] [--down-for SECONDS]]

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
                  (default ${defaultDataFolder()})
  --reboot-nas NAS  make one simulated NAS (name or address, e.g. bng-south-1) reboot:
                  FreeRADIUS closes its sessions with NAS-Reboot, as on an Accounting-On.
                  The demo's console does the same at any time: type "reboot bng-south-1"
  --after SECONDS   when, counted from the demo being ready (default 60)
  --down-for SECONDS  how long the NAS stays down before subscribers dial in (default 120)`;

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
        'reboot-nas': { type: 'string' },
        after: { type: 'string' },
        'down-for': { type: 'string' },
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
  const seconds = (name: string, text: string | undefined, fallback: number): number => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < 0 || value > 86_400) {
      console.error(`--${name} must be a number of seconds from 0 to 86400, not "${text}".`);
      process.exit(2);
    }
    return value;
  };
  if (values['reboot-nas'] === undefined && (values.after ?? values['down-for']) !== undefined) {
    console.error('--after and --down-for go with --reboot-nas NAS.');
    process.exit(2);
  }
  const rebootNas =
    values['reboot-nas'] === undefined
      ? null
      : {
          nas: values['reboot-nas'],
          afterSeconds: seconds('after', values.after, 60),
          downSeconds: seconds('down-for', values['down-for'], 120),
        };
  return {
    rebootNas,
    browser: values.browser ?? false,
    port,
    host,
    dataFolder: values['data-dir'] ?? defaultDataFolder(),
  };
}
