// A built entry (out/main/*.js) run as its own process, as a newcomer or an operator runs
// it: what it prints, when it exits, and Ctrl-C to stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** A child process and everything it has printed so far. */
export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** stdin 'pipe' lets a test type into the process (the demo's console). */
export function run(entry: string, args: string[], stdin: 'ignore' | 'pipe' = 'ignore'): Running {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: repoRoot,
    stdio: [stdin, 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** Waits until the process prints a line matching the pattern; fails with what it said. */
export async function waitForOutput(
  running: Running,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void running.exited.then((code) => (exitCode = code));
  for (;;) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (exitCode !== undefined || Date.now() > deadline) {
      throw new Error(
        `${exitCode !== undefined ? `exited with ${exitCode}` : 'timed out'} before printing ${pattern}:\n${running.output()}`,
      );
    }
    await new Promise((tick) => setTimeout(tick, 100));
  }
}

export async function stopWithCtrlC(running: Running, timeoutMs = 30_000): Promise<number | null> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) {
    return running.child.exitCode;
  }
  running.child.kill('SIGINT');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), timeoutMs);
  try {
    return await running.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the process is still running (not exited, not killed). */
export const stillRunning = (running: Running): boolean =>
  running.child.exitCode === null && running.child.signalCode === null;
