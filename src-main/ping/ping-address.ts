import { execFile, type ExecFileException } from 'node:child_process';
import type { PingReport } from '@contract';
import { OperatorError } from '../operator-error';
import { familyFlag } from './family-flag';
import { parsePingOutput } from './ping-output';

/** Three echoes 0.2 s apart, 1 s to answer each, 4 s for the lot: a verdict in ~1.5 s. */
const pingArguments = ['-n', '-c', '3', '-i', '0.2', '-W', '1', '-w', '4'];
const killAfterMs = 6_000;

/**
 * Pings an address from this workstation with the system ping (no shell: the address is
 * one argv entry, and only an IP literal is ever accepted).
 */
export async function pingAddress(
  address: string,
  pingCommand = 'ping',
): Promise<Omit<PingReport, 'framedIp' | 'target'>> {
  const args = [familyFlag(address, 'pinged'), ...pingArguments, address];
  const { output, failure } = await new Promise<{
    output: string;
    failure: ExecFileException | null;
  }>((resolve) => {
    execFile(
      pingCommand,
      args,
      {
        timeout: killAfterMs,
        shell: false,
        windowsHide: true,
        env: { ...process.env, LC_ALL: 'C' },
      },
      (error, stdout, stderr) => resolve({ output: `${stdout}\n${stderr}`, failure: error }),
    );
  });
  if (failure?.code === 'ENOENT') {
    throw new OperatorError(
      'INTERNAL',
      'This workstation has no ping command. Install it (Debian: apt-get install iputils-ping).',
    );
  }
  const parsed = parsePingOutput(output);
  if (!parsed && failure?.killed) {
    throw new OperatorError(
      'TIMEOUT',
      `Ping of ${address} did not finish within ${killAfterMs / 1000} s.`,
    );
  }
  if (!parsed) {
    const reason = output.trim().split('\n').find(Boolean) ?? 'no output';
    throw new OperatorError('INTERNAL', `Ping of ${address} did not run: ${reason}`);
  }
  const rtt = parsed.rtt
    ? `, rtt ${parsed.rtt.min}/${parsed.rtt.avg}/${parsed.rtt.max} ms (min/avg/max)`
    : '';
  return {
    ...parsed,
    summary: `${parsed.received}/${parsed.sent} replies, ${parsed.lossPercent}% loss${rtt}`,
  };
}
