import {
  disconnectEach,
  type DisconnectEachOptions,
  type DisconnectTarget,
  type NasAccess,
} from '../../../src-main/nas/disconnect';

export interface AppRun {
  /** From the call to disconnectEach until it returned. */
  ms: number;
  /** Per NAS: when its last session was reported, from the start of the call, and tallies. */
  perNas: Map<string, { lastReportMs: number; done: number; failed: number }>;
  failures: string[];
}

/** CoA only, as a NAS with no API user set: the path radclient also takes. */
export function coaOnlyAccess(portOf: (nasIp: string) => number, secret: string) {
  return (nasIp: string): NasAccess => ({
    apiUser: null,
    apiPassword: null,
    apiPort: 8728,
    apiTls: false,
    coaPort: portOf(nasIp),
    coaSecret: secret,
    requireMessageAuthenticator: false,
  });
}

/** One bulk run through the app's own disconnectEach, with its default timing. */
export async function timeApp(
  targets: readonly DisconnectTarget[],
  accessFor: (nasIp: string) => NasAccess,
  options: DisconnectEachOptions = {},
): Promise<AppRun> {
  const perNas: AppRun['perNas'] = new Map();
  const failures: string[] = [];
  const started = performance.now();
  const { unsent } = await disconnectEach(
    targets,
    accessFor,
    (target, report) => {
      const tally = perNas.get(target.nasIp) ?? { lastReportMs: 0, done: 0, failed: 0 };
      tally.lastReportMs = performance.now() - started;
      // The NAS's answer is what the bench times; radacct is not watched here.
      if (report.acknowledgedBy !== null) tally.done += 1;
      else {
        tally.failed += 1;
        failures.push(report.attempts.map((attempt) => attempt.detail).join(' '));
      }
      perNas.set(target.nasIp, tally);
    },
    options,
  );
  const ms = performance.now() - started;
  if (unsent.length > 0) throw new Error(`${unsent.length} sessions were never sent.`);
  return { ms, perNas, failures };
}
