import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Debian's FreeRADIUS 3.2 (`apt-get install freeradius freeradius-utils`), when installed,
 * or the programs FREERADIUS_PATH and RADCLIENT_PATH name.
 */
export const freeradiusPath = findProgram('FREERADIUS_PATH', 'freeradius', '/usr/sbin/freeradius');
export const radclientPath = findProgram('RADCLIENT_PATH', 'radclient', '/usr/bin/radclient');
export const hasFreeradius = freeradiusPath !== undefined;
export const hasRadclient = radclientPath !== undefined;

if (!hasFreeradius) {
  console.warn(
    `\n*** FREERADIUS CoA TESTS SKIPPED: no freeradius at ${whereLooked('FREERADIUS_PATH', 'freeradius', '/usr/sbin/freeradius')}. ` +
      'Install it (apt-get install freeradius freeradius-utils) or set FREERADIUS_PATH. ***\n',
  );
} else if (!hasRadclient) {
  console.warn(
    `\n*** RADCLIENT CROSS-CHECKS SKIPPED: no radclient at ${whereLooked('RADCLIENT_PATH', 'radclient', '/usr/bin/radclient')}. ` +
      'Install it (apt-get install freeradius-utils) or set RADCLIENT_PATH. ***\n',
  );
}

// /usr/sbin is often missing from a non-root PATH, hence the fallback.
function findProgram(variable: string, name: string, fallback: string): string | undefined {
  const chosen = process.env[variable];
  if (chosen !== undefined) {
    return existsSync(chosen) ? chosen : undefined;
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((folder) => folder !== '')
    .map((folder) => join(folder, name));
  return [...onPath, fallback].find((candidate) => existsSync(candidate));
}

function whereLooked(variable: string, name: string, fallback: string): string {
  return process.env[variable] ?? `${fallback} or on the PATH as ${name}`;
}
