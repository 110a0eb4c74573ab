import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeradiusPath } from './freeradius-binaries';
import { receiverConfig, type KnownSession } from './receiver-config';
import { freeUdpPort } from '../../../src-main/free-port';

export interface FreeradiusReceiver {
  address: string;
  port: number;
  secret: string;
  knownSession: KnownSession;
  /** Everything FreeRADIUS has printed so far (`-X`: one block per request). */
  output(): string;
  stop(): Promise<void>;
}

export interface ReceiverOptions {
  /** A loopback address of its own, so it never shares a port space with the CoA peer. */
  address?: string;
  secret: string;
  knownSession: KnownSession;
  requireMessageAuthenticator?: boolean;
  signReplies?: boolean;
}

const readyLine = 'Ready to process requests';
// Bounds, not expectations: startup takes well under a second on an idle machine.
const readyTimeoutMs = 20_000;
const stopTimeoutMs = 5_000;
// Another test's socket may take the probed port before FreeRADIUS binds it.
const startAttempts = 3;

/**
 * Starts a private FreeRADIUS 3.2 in the foreground with a generated raddb in a temp folder,
 * answering Disconnect-Requests from 127.0.0.1 on a free UDP port. The system's
 * /etc/freeradius and its service are never touched.
 */
export async function startFreeradiusReceiver(
  options: ReceiverOptions,
): Promise<FreeradiusReceiver> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (failure) {
      if (!(failure instanceof PortTaken) || attempt === startAttempts) {
        throw failure;
      }
    }
  }
}

export class PortTaken extends Error {}

async function startOnce(options: ReceiverOptions): Promise<FreeradiusReceiver> {
  if (freeradiusPath === undefined) {
    throw new Error('FreeRADIUS is not installed: guard the suite with hasFreeradius.');
  }
  const address = options.address ?? '127.0.10.40';
  const port = await freeUdpPort(address);
  const raddb = await mkdtemp(join(tmpdir(), 'session-desk-freeradius-'));
  const config = { ...options, raddb, address, port, clientAddress: '127.0.0.1' };
  await writeFile(join(raddb, 'radiusd.conf'), receiverConfig(config));

  const running = await launchFreeradius(raddb);
  return {
    address,
    port,
    secret: options.secret,
    knownSession: options.knownSession,
    output: running.output,
    stop: running.stop,
  };
}

/**
 * Runs FreeRADIUS in the foreground (`-X`) on a generated raddb folder until it is ready;
 * stop() ends it and removes the folder. PortTaken when its port was taken meanwhile.
 */
export async function launchFreeradius(
  raddb: string,
): Promise<{ output: () => string; stop: () => Promise<void> }> {
  if (freeradiusPath === undefined) {
    throw new Error('FreeRADIUS is not installed: guard the suite with hasFreeradius.');
  }
  const child = spawn(freeradiusPath, ['-X', '-d', raddb], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const collect = (chunk: Buffer): void => {
    printed += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async (): Promise<void> => {
    await ended(child);
    await rm(raddb, { recursive: true, force: true });
  };
  try {
    await untilReady(child, () => printed);
  } catch (failure) {
    await stop();
    throw failure;
  }
  return { output: () => printed, stop };
}

function untilReady(child: ChildProcess, printed: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (failure?: Error): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onOutput);
      child.off('exit', onExit);
      child.off('error', finish);
      if (failure === undefined) {
        resolve();
      } else {
        reject(failure);
      }
    };
    const onOutput = (): void => {
      if (printed().includes(readyLine)) {
        finish();
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      const why = `FreeRADIUS exited (${signal ?? `code ${code}`}) before it was ready`;
      const Failure = printed().includes('Address already in use') ? PortTaken : Error;
      finish(new Failure(`${why}; its last words:\n${lastLines(printed())}`));
    };
    const timer = setTimeout(() => {
      finish(
        new Error(
          `FreeRADIUS was not ready within ${readyTimeoutMs / 1000} s:\n${lastLines(printed())}`,
        ),
      );
    }, readyTimeoutMs);
    child.stdout?.on('data', onOutput);
    child.on('exit', onExit);
    child.on('error', finish);
  });
}

/** Ends the process: SIGTERM, then SIGKILL if it lingers. */
async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}

function lastLines(text: string): string {
  return text.trimEnd().split('\n').slice(-15).join('\n');
}
