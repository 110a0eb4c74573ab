import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import radius from 'radius';
import { sendDisconnect } from '../../../src-main/nas/coa';
import { freeradiusPath } from './programs';
import { responderConfig } from './responder-config';
import { freeUdpPort } from '../../../src-main/free-port';

/** A NAS stand-in on loopback that answers Disconnect-ACK to every request. */
export interface Responder {
  /** What answered, for the report. */
  kind: string;
  address: string;
  port: number;
  stop(): Promise<void>;
}

// Bounds, not expectations: FreeRADIUS is ready in well under a second on an idle machine.
const readyProbes = 100;
const probeWaitMs = 200;
const stopTimeoutMs = 5_000;

function assertLoopback(address: string): void {
  if (!/^127\.\d+\.\d+\.\d+$/.test(address)) {
    throw new Error(`The disconnect bench only sends to 127.0.0.0/8, not ${address}.`);
  }
}

/** FreeRADIUS when installed, else the bench's own Node responder. */
export async function startResponder(address: string, secret: string): Promise<Responder> {
  assertLoopback(address);
  if (freeradiusPath === undefined) {
    console.warn("FreeRADIUS not found (FREERADIUS_PATH): using the bench's Node ACK responder.");
    return startNodeResponder(address, secret);
  }
  return startFreeradius(freeradiusPath, address, secret);
}

async function startFreeradius(
  program: string,
  address: string,
  secret: string,
): Promise<Responder> {
  const port = await freeUdpPort(address);
  const raddb = await mkdtemp(join(tmpdir(), 'session-desk-bench-freeradius-'));
  await writeFile(join(raddb, 'radiusd.conf'), responderConfig({ raddb, address, port, secret }));
  // -f -t: foreground, one thread, no debug printing. Threaded, 3.2.1 here ignored a few
  // percent of the requests of every radclient run after the first (each then cost a 1 s
  // retransmission); -X printing every request would measure the printing.
  const child = spawn(program, ['-f', '-t', '-d', raddb], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const collect = (chunk: Buffer): void => {
    printed += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = async (): Promise<void> => {
    await ended(child);
    await rm(raddb, { recursive: true, force: true });
  };
  try {
    await untilAcked(address, port, secret, () => child.exitCode !== null);
  } catch (failure) {
    await stop();
    const words = printed.trimEnd().split('\n').slice(-15).join('\n');
    throw new Error(`${failure instanceof Error ? failure.message : String(failure)}\n${words}`);
  }
  return { kind: `${versionOf(program)} (${program} -f -t)`, address, port, stop };
}

function versionOf(program: string): string {
  try {
    const printed = execFileSync(program, ['-v'], { encoding: 'utf8' });
    return /FreeRADIUS Version [\d.]+/.exec(printed)?.[0] ?? 'FreeRADIUS';
  } catch {
    return 'FreeRADIUS';
  }
}

/** Ready means a Disconnect-Request of ours is ACKed, not that a log line appeared. */
async function untilAcked(
  address: string,
  port: number,
  secret: string,
  exited: () => boolean,
): Promise<void> {
  for (let probe = 0; probe < readyProbes && !exited(); probe += 1) {
    try {
      const outcome = await sendDisconnect({
        nasAddress: address,
        port,
        secret,
        attributes: { userName: 'probe', acctSessionId: 'probe', framedIp: null, nasIp: address },
        tries: 1,
        firstWaitMs: probeWaitMs,
      });
      if (outcome.kind === 'ack') return;
    } catch {
      // Not listening yet.
    }
  }
  throw new Error(`The responder on ${address}:${port} never answered a Disconnect-Request.`);
}

async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}

async function bound(address: string): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.bind(0, address);
  await once(socket, 'listening');
  return socket;
}

const closed = (socket: Socket) => new Promise<void>((done) => socket.close(() => done()));

/** The fallback: ACKs every Disconnect-Request, signed with the shared secret. */
async function startNodeResponder(address: string, secret: string): Promise<Responder> {
  const socket = await bound(address);
  socket.on('message', (request, from) => {
    try {
      const decoded = radius.decode_without_secret({ packet: request });
      if (decoded.code !== 'Disconnect-Request') return;
      const reply = radius.encode_response({ packet: decoded, code: 'Disconnect-ACK', secret });
      socket.send(reply, from.port, from.address);
    } catch {
      // Not RADIUS: a NAS drops it.
    }
  });
  return {
    kind: 'Node ACK responder (FreeRADIUS not installed)',
    address,
    port: socket.address().port,
    stop: () => closed(socket),
  };
}

/**
 * A dead NAS: a bound socket that reads and never answers. Bound, so loopback sends no ICMP
 * port-unreachable and the client waits out its full retransmit schedule, as it would for a
 * NAS that is down across a WAN.
 */
export async function startSilentNas(address: string): Promise<Responder> {
  assertLoopback(address);
  const socket = await bound(address);
  socket.on('message', () => undefined);
  return {
    kind: 'bound, silent UDP socket',
    address,
    port: socket.address().port,
    stop: () => closed(socket),
  };
}
