import { execFile, type ExecFileException } from 'node:child_process';
import type { TracerouteHop } from '@contract';
import { OperatorError } from '../operator-error';
import { familyFlag } from './family-flag';
import { parseTracerouteLine } from './traceroute-output';

/** Numeric, one probe per hop, 1 s per probe, 20 hops: a whole trace in ~20 s at worst. */
const tracerouteArguments = ['-n', '-q', '1', '-w', '1', '-m', '20'];
const killAfterMs = 30_000;

/**
 * Traces the route to an address with the system traceroute (no shell: the address is one
 * argv entry, and only an IP literal is ever accepted), handing each hop over as the tool
 * prints it. `signal` stops the tool.
 */
export async function tracerouteAddress(
  address: string,
  onHop: (hop: TracerouteHop) => void,
  signal: AbortSignal,
  tracerouteCommand = 'traceroute',
): Promise<void> {
  const args = [familyFlag(address, 'traced'), ...tracerouteArguments, address];
  let pending = '';
  let hops = 0;
  const take = (line: string): void => {
    const hop = parseTracerouteLine(line);
    if (hop) {
      hops += 1;
      onHop(hop);
    }
  };
  const failure = await new Promise<ExecFileException | null>((resolve) => {
    const child = execFile(
      tracerouteCommand,
      args,
      {
        timeout: killAfterMs,
        shell: false,
        windowsHide: true,
        signal,
        env: { ...process.env, LC_ALL: 'C' },
      },
      (error) => resolve(error),
    );
    // execFile buffers for its callback; the stream gives each hop as it arrives.
    child.stdout?.on('data', (chunk: Buffer | string) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(take);
    });
  });
  if (pending) take(pending);
  if (failure?.code === 'ENOENT') {
    throw new OperatorError(
      'INTERNAL',
      'This workstation has no traceroute command. Install it (Debian: apt-get install traceroute).',
    );
  }
  if (signal.aborted) return;
  if (failure && hops === 0) {
    throw new OperatorError('INTERNAL', `Traceroute of ${address} did not run: ${failure.message}`);
  }
}
