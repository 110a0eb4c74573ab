import { isIP } from 'node:net';

/** Browser mode listens here unless the operator names another address with --host. */
export const defaultBindHost = '127.0.0.1';

/** 127.0.0.0/8, ::1 and the name localhost: only this machine can reach them. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  if (bare.startsWith('::ffff:')) return isLoopbackHost(bare.slice('::ffff:'.length));
  return isIP(bare) === 4 && bare.startsWith('127.');
}

export type BindHostCheck =
  { ok: true; host: string; loopback: boolean } | { ok: false; message: string };

/**
 * Checks an address given with --host. Loopback is always fine. Any other address must be
 * one of this machine's own, named exactly: the Host and Origin checks only accept the
 * name the server was bound to, so a wildcard (0.0.0.0, ::) would serve nothing, and a
 * host name could resolve elsewhere later.
 */
export function checkBindHost(given: string): BindHostCheck {
  const host = given.trim().replace(/^\[(.*)\]$/, '$1');
  if (host === '') return { ok: false, message: '--host needs an address, such as 127.0.0.1.' };
  if (isLoopbackHost(host)) return { ok: true, host, loopback: true };
  if (isIP(host) === 0) {
    return {
      ok: false,
      message: `--host takes an IP address of this machine, not the name "${given}".`,
    };
  }
  if (host === '0.0.0.0' || host === '::') {
    return {
      ok: false,
      message: `--host ${given} (every interface) is refused: the page only answers to the address it was bound to. Name the one address the other machine will use, such as 192.0.2.10.`,
    };
  }
  return { ok: true, host, loopback: false };
}

/** What the operator is told when browser mode listens beyond this machine. */
export function remoteBindWarning(host: string): string {
  return (
    `WARNING: serving on ${host}, which other machines can reach. The access token is now ` +
    'the only guard, and it travels unencrypted over plain HTTP: use this on a trusted ' +
    'network only, and never on a public address.'
  );
}
