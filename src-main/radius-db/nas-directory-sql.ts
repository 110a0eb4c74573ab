import { addressText } from './column-sql';
import type { NasDirectory } from './detected-schema';

/**
 * The NAS directory as a derived table (ip text, name text) with one row per address:
 * DISTINCT ON keeps the first name when the panel or FreeRADIUS lists an address twice, so
 * joining it can never duplicate a session. null when radacct is the only source.
 */
export function nasDirectorySql(directory: NasDirectory): string | null {
  switch (directory.source) {
    case 'nas_devices':
      return `(SELECT DISTINCT ON (ip) ip, name FROM (
                 SELECT btrim(${addressText('d.ip_address', directory.addressKind)}) AS ip,
                        nullif(btrim(d.name::text), '') AS name
                 FROM nas_devices d) named
               ORDER BY ip, name NULLS LAST)`;
    case 'nas':
      return `(SELECT DISTINCT ON (ip) ip, name FROM (
                 SELECT btrim(${addressText('d.nasname', directory.addressKind)}) AS ip,
                        nullif(btrim(d.shortname::text), '') AS name
                 FROM nas d) named
               ORDER BY ip, name NULLS LAST)`;
    case 'radacct':
      return null;
  }
}
