import { isIP } from 'node:net';
import { OperatorError } from '../operator-error';

/**
 * The -4 / -6 flag for an address that must be an IP literal: ping and traceroute get the
 * address as one argv entry, and nothing else (a name, an option) ever reaches them.
 */
export function familyFlag(address: string, nothingWas: 'pinged' | 'traced'): '-4' | '-6' {
  const family = isIP(address);
  if (family === 0) {
    throw new OperatorError(
      'INVALID_INPUT',
      `"${address}" is not an IP address: nothing was ${nothingWas}.`,
    );
  }
  return family === 6 ? '-6' : '-4';
}
