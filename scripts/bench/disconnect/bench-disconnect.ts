// npm run bench -- --disconnect: a bulk disconnect through the app's own disconnectEach,
// beside radclient -p 32 sending the same Disconnect-Requests to the same responder on
// loopback, then the same run with a dead NAS beside the live one. Measures, asserts nothing.
import os from 'node:os';
import { worstCaseWaitMs } from '../../../src-main/nas/coa';
import { defaultTiming } from '../../../src-main/nas/disconnect';
import type { Budget } from '../budgets';
import type { BenchOptions } from '../options';
import { table, type CaseResult } from '../report';
import { summarize } from '../timing';
import { radclientFlags, timeRadclient, type RadclientRun } from './radclient-floor';
import { startResponder, startSilentNas, type Responder } from './responders';
import { sessionsOn } from './targets';
import { coaOnlyAccess, timeApp, type AppRun } from './time-app';

const secret = 'sessiondesk-bench';
const liveNas = '127.0.10.90';
const deadNas = '127.0.10.99';
const bulkSize = 1000;
const liveShare = 500;
// A dead NAS costs its first wave of sessions the full CoA wait (7 s by default) with 8 in
// flight; after 3 timeouts in a row the run gives its CoA up and the rest fail at once
// (path-health.ts). 40 sessions fill its 8 slots five times over, so the give-up shows.
const deadShare = 40;
// Each dead-NAS run lasts about one CoA wait: a few give a median.
const maxDeadRuns = 3;
const defaultPerNas = 8;

function caseOf(
  name: string,
  budget: Budget,
  app: number[],
  floor: number[],
  rows: string,
): CaseResult {
  return {
    name,
    budget,
    app: { kind: 'timed', samples: app, queries: [], result: null },
    floor: { kind: 'timed', samples: floor, statements: [] },
    rows,
    plans: null,
  };
}

/** "1000 ACK", or what went wrong, for the rows column. */
function tallyText(runs: AppRun[], nasIp: string, expected: number): string {
  const bad = runs.find((run) => (run.perNas.get(nasIp)?.done ?? 0) !== expected);
  if (!bad) return `${expected} ACK`;
  const tally = bad.perNas.get(nasIp);
  return `${tally?.done ?? 0} ACK, ${tally?.failed ?? 0} failed (${bad.failures[0] ?? '?'})`;
}

function deadTally(runs: AppRun[]): string {
  const answered = runs.reduce((sum, run) => sum + (run.perNas.get(deadNas)?.done ?? 0), 0);
  const failed = runs.reduce((sum, run) => sum + (run.perNas.get(deadNas)?.failed ?? 0), 0);
  return `dead NAS: ${failed / runs.length} no reply${answered ? `, ${answered} answered?` : ''}`;
}

function radclientTally(runs: RadclientRun[]): string {
  const bad = runs.find((run) => run.acked !== bulkSize);
  return bad ? `radclient: ${bad.acked} ACK, ${bad.lost} lost` : '';
}

function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
  return `nproc ${os.availableParallelism()} (${cpu}), node ${process.version}, load average ${load}`;
}

export async function benchDisconnect(options: BenchOptions): Promise<void> {
  const responder = await startResponder(liveNas, secret);
  let silent: Responder | null = null;
  try {
    silent = await startSilentNas(deadNas);
    const ports = new Map([
      [responder.address, responder.port],
      [silent.address, silent.port],
    ]);
    const accessFor = coaOnlyAccess((nasIp) => ports.get(nasIp) ?? 3799, secret);
    const bulk = sessionsOn(liveNas, bulkSize);
    const live = bulk.slice(0, liveShare);
    const mixed = [...live, ...sessionsOn(deadNas, deadShare, bulkSize)];
    const wide = { perNasConcurrency: 32 };

    console.log(`Responder: ${responder.kind} on ${responder.address}:${responder.port}`);
    console.log(`Dead NAS: ${silent.kind} on ${silent.address}:${silent.port}`);
    console.log(
      `Measuring ${bulkSize} Disconnect-Requests, ${options.runs} runs after ${options.warmup} warm-up, app and radclient in turn:`,
    );
    for (let run = 0; run < options.warmup; run += 1) {
      await timeApp(bulk, accessFor);
      await timeRadclient(bulk, responder, secret, 1);
    }
    const app: AppRun[] = [];
    const appWide: AppRun[] = [];
    const floor: RadclientRun[] = [];
    const liveAlone: AppRun[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      app.push(await timeApp(bulk, accessFor));
      floor.push(...(await timeRadclient(bulk, responder, secret, 1)));
      appWide.push(await timeApp(bulk, accessFor, wide));
      liveAlone.push(await timeApp(live, accessFor));
    }

    const deadRuns = Math.min(options.runs, maxDeadRuns);
    const waitSeconds =
      worstCaseWaitMs(defaultTiming.coaTries, defaultTiming.coaFirstWaitMs) / 1000;
    console.log(
      `Dead NAS: ${liveShare} live + ${deadShare} dead sessions (dead share capped at ${deadShare}: ` +
        `each waits the default ${waitSeconds} s CoA budget, ${defaultPerNas} in flight), ${deadRuns} runs…`,
    );
    const withDead: AppRun[] = [];
    for (let run = 0; run < deadRuns; run += 1) withDead.push(await timeApp(mixed, accessFor));

    const floorMs = floor.map((run) => run.ms);
    const liveDone = (runs: AppRun[]) =>
      runs.map((run) => run.perNas.get(liveNas)?.lastReportMs ?? NaN);
    const results = [
      caseOf(
        `${bulkSize} on 1 NAS (32 / 8 per NAS)`,
        { kind: 'ratio', maxRatio: 1.5 },
        app.map((run) => run.ms),
        floorMs,
        [tallyText(app, liveNas, bulkSize), radclientTally(floor)].filter(Boolean).join('; '),
      ),
      caseOf(
        `${bulkSize} on 1 NAS (32 / 32 per NAS)`,
        { kind: 'none' },
        appWide.map((run) => run.ms),
        floorMs,
        tallyText(appWide, liveNas, bulkSize),
      ),
      caseOf(
        `${liveShare} live, ${deadShare} on a dead NAS`,
        { kind: 'under', ms: waitSeconds * 1000 },
        liveDone(withDead),
        liveDone(liveAlone),
        `${tallyText(withDead, liveNas, liveShare)}; ${deadTally(withDead)}`,
      ),
    ];
    const deadTotal = summarize(withDead.map((run) => run.ms)).medianMs;

    console.log('');
    console.log(`Machine: ${machine()}`);
    console.log(`Responder: ${responder.kind}; dead NAS: ${silent.kind}.`);
    console.log(
      `app = disconnectEach (CoA only: no API user; default timing, ${defaultTiming.coaTries} tries from ` +
        `${defaultTiming.coaFirstWaitMs} ms), from the call to its return. floor = ` +
        `radclient ${radclientFlags.join(' ')} -f <file> on the same requests, spawn to exit.`,
    );
    console.log(
      `Dead-NAS row: app = until the last of the ${liveShare} live sessions was reported with the ` +
        `dead NAS beside them; floor = the same ${liveShare} alone. Budget: the live share done ` +
        `before a single dead request's CoA wait (${waitSeconds} s) ran out, i.e. it waited on none.`,
    );
    console.log('');
    console.log(table(results, 'floor'));
    console.log('');
    console.log(
      `Whole dead-NAS run (its ${deadShare} sessions time out, ${defaultPerNas} at a time): ` +
        `median ${(deadTotal / 1000).toFixed(1)} s.`,
    );
  } finally {
    await silent?.stop();
    await responder.stop();
  }
}
