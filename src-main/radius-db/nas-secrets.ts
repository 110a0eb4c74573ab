import { isIP } from 'node:net';
import { addressText } from './column-sql';
import type { DetectedSchema } from './detected-schema';
import type { DbQueries } from './db-queries';

/**
 * The CoA shared secret FreeRADIUS keeps for each NAS address, so an operator need not type
 * it twice. Rows naming a host or a subnet are left out: a disconnect goes to one address.
 * When an address is listed twice, the first row in table order wins: FreeRADIUS reads its
 * clients in that order and refuses the duplicate.
 */
export async function nasSecrets(
  db: DbQueries,
  table: DetectedSchema['nasSecrets'],
): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  if (!table) return secrets;
  const rows = await db.objects<{ ip: string | null; secret: string | null }>(
    `SELECT btrim(${addressText('nasname', table.addressKind)}) AS ip, secret::text AS secret
     FROM nas WHERE nullif(btrim(secret::text), '') IS NOT NULL
     ORDER BY ctid`,
    [],
  );
  for (const { ip, secret } of rows) {
    if (ip !== null && secret !== null && isIP(ip) !== 0 && !secrets.has(ip)) {
      secrets.set(ip, secret);
    }
  }
  return secrets;
}
