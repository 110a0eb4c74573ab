import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Debian's FreeRADIUS 3.2 programs (apt-get install freeradius freeradius-utils), or the ones
 * FREERADIUS_PATH and RADCLIENT_PATH name: the same variables the test suite reads.
 */
export const freeradiusPath = findProgram('FREERADIUS_PATH', 'freeradius', '/usr/sbin/freeradius');
export const radclientPath = findProgram('RADCLIENT_PATH', 'radclient', '/usr/bin/radclient');

// /usr/sbin is often missing from a non-root PATH, hence the fallback.
function findProgram(variable: string, name: string, fallback: string): string | undefined {
  const chosen = process.env[variable];
  if (chosen !== undefined) return existsSync(chosen) ? chosen : undefined;
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((folder) => folder !== '')
    .map((folder) => join(folder, name));
  return [...onPath, fallback].find((candidate) => existsSync(candidate));
}
