import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DisconnectTarget } from '../../../src-main/nas/disconnect';
import { radclientPath } from './programs';
import type { Responder } from './responders';
import { radclientPackets } from './targets';

export interface RadclientRun {
  ms: number;
  /** From radclient -s: requests answered with an ACK, and those never answered. */
  acked: number;
  lost: number;
}

/** The floor's command line, as printed in the report. */
export const radclientFlags = ['-p', '32', '-r', '3', '-t', '1'];

/**
 * Times `radclient -p 32 -r 3 -t 1 -f <file> <addr>:<port> disconnect <secret>`: wall time
 * from spawn to exit, so process start-up counts against the floor, as a fair margin.
 */
export async function timeRadclient(
  targets: readonly DisconnectTarget[],
  responder: Responder,
  secret: string,
  runs: number,
): Promise<RadclientRun[]> {
  if (radclientPath === undefined) {
    throw new Error(
      'radclient is not installed (apt-get install freeradius-utils, or RADCLIENT_PATH).',
    );
  }
  const folder = await mkdtemp(join(tmpdir(), 'session-desk-bench-radclient-'));
  try {
    const file = join(folder, 'disconnect-requests.txt');
    const args = [
      ...radclientFlags,
      '-s',
      '-q',
      '-f',
      file,
      `${responder.address}:${responder.port}`,
      'disconnect',
      secret,
    ];
    const samples: RadclientRun[] = [];
    for (let run = 0; run < runs; run += 1) {
      // A fresh Event-Timestamp per run, as the app's own runs have: identical bytes from a
      // recycled source port would be a retransmission to the responder, not a new request.
      await writeFile(file, radclientPackets(targets, new Date(Date.now() + run * 1000)));
      samples.push(await runOnce(radclientPath, args));
    }
    return samples;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function runOnce(program: string, args: string[]): Promise<RadclientRun> {
  const started = performance.now();
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const [code] = (await once(child, 'close')) as [number | null];
  const ms = performance.now() - started;
  const count = (label: string) => Number(new RegExp(`${label}\\s*:\\s*(\\d+)`).exec(printed)?.[1]);
  const acked = count('Accepted');
  const lost = count('Lost');
  if (!Number.isFinite(acked)) {
    throw new Error(`radclient exited ${code} without a summary:\n${printed.slice(-2000)}`);
  }
  return { ms, acked, lost: Number.isFinite(lost) ? lost : 0 };
}
