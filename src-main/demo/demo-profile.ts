import type { ProfileSummary } from '@contract';
import type { LocalStore } from '../local-store';
import type { FleetNas } from './simulated-fleet';

export const demoProfileName = 'Demo ISP';

/**
 * The "Demo ISP" profile on the embedded PostgreSQL, with every simulated NAS's access, made
 * the profile the app opens on. Run on every start: the ports change from run to run.
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
  store.lastProfileId.set(profile.id);
  return profile;
}
