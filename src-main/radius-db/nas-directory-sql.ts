import { addressText } from './column-sql';
import type { NasDirectory } from './detected-schema';

/**
 * The NAS directory as a derived table (ip text, name text) with one row per address:
 * DISTINCT ON keeps the first name when the panel or FreeRADIUS lists an address twice, so
 * joining it can never duplicate a session. null when radacct is the only source.
 */
export function nasDirectorySql(directory: NasDirectory): string | null {
  if (directory.source === 'radacct') return null;
  // The panel's nas_devices(ip_address, name), or FreeRADIUS's nas(nasname, shortname).
  const [ip, name] =
    directory.source === 'nas_devices' ? ['d.ip_address', 'd.name'] : ['d.nasname', 'd.shortname'];
  return `(SELECT DISTINCT ON (ip) ip, name FROM (
             SELECT btrim(${addressText(ip, directory.addressKind)}) AS ip,
                    nullif(btrim(${name}::text), '') AS name
             FROM ${directory.source} d) named
           ORDER BY ip, name NULLS LAST)`;
}
