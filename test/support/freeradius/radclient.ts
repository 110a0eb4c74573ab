import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { radclientPath } from './freeradius-binaries';

/**
 * Sends one Disconnect-Request with FreeRADIUS's own radclient and returns what it printed:
 * a second, independent client, so a receiver misconfiguration cannot hide behind a bug of
 * ours. One try, so a drop shows up as "No reply".
 */
export function radclientDisconnect(
  receiver: { address: string; port: number },
  secret: string,
  attributes: Record<string, string>,
): Promise<string> {
  return radclient(receiver, 'disconnect', secret, attributes, 2);
}

/** One packet of `kind` through radclient, one try waiting `timeoutSeconds`; what it printed. */
export async function radclient(
  server: { address: string; port: number },
  kind: 'disconnect' | 'acct',
  secret: string,
  attributes: Record<string, string>,
  timeoutSeconds: number,
): Promise<string> {
  if (radclientPath === undefined) {
    throw new Error('radclient is not installed: guard the test with hasRadclient.');
  }
  const child = spawn(
    radclientPath,
    [
      '-x',
      '-r',
      '1',
      '-t',
      String(timeoutSeconds),
      `${server.address}:${server.port}`,
      kind,
      secret,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let printed = '';
  const collect = (chunk: Buffer): void => {
    printed += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // 'close', not 'exit': it waits for the output to be read to the end.
  const closed = once(child, 'close');
  child.stdin.end(
    Object.entries(attributes)
      .map(([name, value]) => `${name} = ${value}\n`)
      .join(''),
  );
  await closed;
  return printed;
}
