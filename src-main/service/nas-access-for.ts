import { unconfiguredNas } from '@contract';
import type { LocalStore, StoredNasAccess } from '../local-store';
import type { RadiusDb } from '../radius-db';

/**
 * Everything the disconnect pipeline needs to reach these NAS: the credentials stored for
 * each, or the defaults when none are, with the CoA secret taken from FreeRADIUS's nas table
 * when the operator stored none (FreeRADIUS already shares that secret with the NAS). The
 * nas table is read once, and only when some NAS needs it.
 */
export async function nasAccessForEach(
  store: LocalStore,
  db: RadiusDb,
  profileId: number,
  nasIps: Iterable<string>,
): Promise<Map<string, StoredNasAccess>> {
  let radiusSecrets: Map<string, string> | null = null;
  const accesses = new Map<string, StoredNasAccess>();
  for (const nasIp of nasIps) {
    const access = store.nasAccess.get(profileId, nasIp) ?? {
      ...unconfiguredNas(nasIp),
      apiPassword: null,
      coaSecret: null,
    };
    if (access.coaSecret === null) {
      radiusSecrets ??= await db.nasSecrets();
      const radiusSecret = radiusSecrets.get(nasIp);
      if (radiusSecret !== undefined) {
        accesses.set(nasIp, { ...access, coaSecret: radiusSecret, coaSecretFromRadius: true });
        continue;
      }
    }
    accesses.set(nasIp, access);
  }
  return accesses;
}

/** The same for one NAS. */
export async function nasAccessFor(
  store: LocalStore,
  db: RadiusDb,
  profileId: number,
  nasIp: string,
): Promise<StoredNasAccess> {
  return (await nasAccessForEach(store, db, profileId, [nasIp])).get(nasIp)!;
}
