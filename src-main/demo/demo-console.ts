import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { LiveActivity } from './live-activity';
import type { FleetNas } from './simulated-fleet';

export const consoleHelp =
  'Demo console: type "reboot <NAS name or address> [seconds down]" and Enter to make a ' +
  'simulated NAS reboot (FreeRADIUS closes its sessions with NAS-Reboot).';

/** Default time a rebooted NAS stays down before its subscribers dial in again. */
export const defaultDownSeconds = 120;

/** Finds a simulated NAS by its name (bng-south-1) or address (127.0.10.3). */
export function findFleetNas(fleet: FleetNas[], nameOrIp: string): FleetNas | null {
  const wanted = nameOrIp.trim().toLowerCase();
  return fleet.find((nas) => nas.name.toLowerCase() === wanted || nas.nasIp === wanted) ?? null;
}

/** Reboots one simulated NAS and says what happened, in the demo's output. */
export async function rebootFleetNas(
  live: LiveActivity,
  nas: FleetNas,
  downSeconds: number,
  say: (line: string) => void,
): Promise<void> {
  const closed = await live.rebootNas(nas.nasIp, downSeconds);
  say(
    `${nas.name} (${nas.nasIp}) rebooted: its Accounting-On closed ${closed} sessions ` +
      `(NAS-Reboot); its subscribers dial in again in ${downSeconds} s.`,
  );
}

/**
 * Commands typed into the running demo (or written to its standard input by a test).
 * Returns the function that stops listening.
 */
export function startDemoConsole(
  input: Readable,
  fleet: FleetNas[],
  live: LiveActivity,
  say: (line: string) => void,
): () => void {
  const lines = createInterface({ input });
  lines.on('line', (line) => {
    const [command, target, seconds] = line.trim().split(/\s+/);
    if (!command) return;
    if (command !== 'reboot' || !target) {
      say(consoleHelp);
      return;
    }
    const nas = findFleetNas(fleet, target);
    const downSeconds = seconds === undefined ? defaultDownSeconds : Number(seconds);
    if (!nas) {
      say(`No simulated NAS is called "${target}": ${fleet.map((n) => n.name).join(', ')}.`);
      return;
    }
    if (!Number.isInteger(downSeconds) || downSeconds < 0 || downSeconds > 86_400) {
      say(`"${seconds}" is not a number of seconds from 0 to 86400.`);
      return;
    }
    rebootFleetNas(live, nas, downSeconds, say).catch((error: unknown) =>
      say(`Rebooting ${nas.name} failed: ${error instanceof Error ? error.message : error}`),
    );
  });
  return () => lines.close();
}
