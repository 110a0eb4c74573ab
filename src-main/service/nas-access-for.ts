import type { LocalStore, StoredNasAccess } from '../local-store';
import type { RadiusDb } from '../radius-db';
import { unconfiguredNas } from './nas-access-list';

/**
 * Everything the disconnect pipeline needs to reach one NAS: the credentials stored for it,
 * or the defaults when none are, with the CoA secret taken from FreeRADIUS's nas table when
 * the operator stored none (FreeRADIUS already shares that secret with the NAS).
 */
export async function nasAccessFor(
  store: LocalStore,
  db: RadiusDb,
  profileId: number,
  nasIp: string,
): Promise<StoredNasAccess> {
  const access = store.nasAccess.get(profileId, nasIp) ?? {
    ...unconfiguredNas(nasIp),
    apiPassword: null,
    coaSecret: null,
  };
  if (access.coaSecret !== null) return access;
  const radiusSecret = (await db.nasSecrets()).get(nasIp);
  return radiusSecret === undefined
    ? access
    : { ...access, coaSecret: radiusSecret, coaSecretFromRadius: true };
}
