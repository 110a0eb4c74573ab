import type { ProfileSummary } from '@contract';
import type { LocalStore } from '../local-store';
import { demoReseller } from './seed';
import type { FleetNas } from './simulated-fleet';

export const demoProfileName = 'Demo ISP';
export const demoResellerProfileName = `Demo ISP (reseller ${demoReseller.name})`;

/**
 * The "Demo ISP" profile on the embedded PostgreSQL, with every simulated NAS's access, made
 * the profile the app opens on, and "Demo ISP (reseller Norte Conecta)" beside it. Run on
 * every start: the ports change from run to run.
 * sealSecrets: false for the desktop app, whose keychain this process cannot write to; the
 * API password is then empty (a factory MikroTik's) and the CoA secret comes from
 * FreeRADIUS's nas table, as for any NAS without a stored secret.
 */
export function saveDemoProfile(
  store: LocalStore,
  database: { host: string; port: number; database: string; user: string },
  fleet: FleetNas[],
  api: { user: string; password: string; sealSecrets: boolean },
): ProfileSummary {
  const existing = store.profiles.list().find((profile) => profile.name === demoProfileName);
  const profile = store.profiles.save({
    id: existing?.id ?? null,
    name: demoProfileName,
    ...database,
    sslMode: 'disable',
    // The demo server trusts loopback: no password to store.
    password: '',
  });
  for (const nas of fleet) {
    store.nasAccess.save(profile.id, {
      nasIp: nas.nasIp,
      apiUser: api.user,
      apiPassword: api.sealSecrets ? api.password : '',
      apiPort: nas.apiPort,
      apiTls: false,
      apiTlsFingerprint: '',
      coaPort: nas.coaPort,
      coaSecret: api.sealSecrets ? nas.coaSecret : '',
      // The simulated BNGs sign every reply, as a NAS hardened against BlastRADIUS does.
      requireMessageAuthenticator: true,
    });
  }
  saveResellerProfile(store, database);
  store.lastProfileId.set(profile.id);
  return profile;
}

/**
 * The same database as Norte Conecta's own role: its tree's sessions only, and no
 * Disconnect (its operators row grants sessions.view alone), so it needs no NAS access.
 */
function saveResellerProfile(
  store: LocalStore,
  database: { host: string; port: number; database: string },
): void {
  const existing = store.profiles
    .list()
    .find((profile) => profile.name === demoResellerProfileName);
  store.profiles.save({
    id: existing?.id ?? null,
    name: demoResellerProfileName,
    host: database.host,
    port: database.port,
    database: database.database,
    user: demoReseller.role,
    sslMode: 'disable',
    password: '',
  });
}
