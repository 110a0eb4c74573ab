import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileSummary } from '@contract';
import type { LocalStore } from '../local-store';
import type { FleetNas } from './simulated-fleet';

export const demoProfileName = 'Demo ISP';

interface DemoDatabaseLogin {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/**
 * The "Demo ISP" profile on the embedded PostgreSQL, with every simulated NAS's access, made
 * the profile the app opens on. Run on every start: the ports and the database password
 * change from run to run. sealSecrets: false for the desktop app, whose keychain this
 * process cannot write to; the database password then comes from the pgpass file
 * (writeDemoPgpass), the API password is empty (a factory MikroTik's) and the CoA secret
 * comes from FreeRADIUS's nas table, as for any NAS without a stored secret.
 */
export function saveDemoProfile(
  store: LocalStore,
  database: DemoDatabaseLogin,
  fleet: FleetNas[],
  api: { user: string; password: string; sealSecrets: boolean },
): ProfileSummary {
  const existing = store.profiles.list().find((profile) => profile.name === demoProfileName);
  const { host, port, database: name, user, password } = database;
  const profile = store.profiles.save({
    id: existing?.id ?? null,
    name: demoProfileName,
    host,
    port,
    database: name,
    user,
    sslMode: 'disable',
    password: api.sealSecrets ? password : '',
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
    });
  }
  store.lastProfileId.set(profile.id);
  return profile;
}

/**
 * A libpq pgpass file (which node-postgres reads when a profile has no password) holding
 * the demo database's login, owner-only, for the desktop app; returns its path.
 */
export function writeDemoPgpass(folder: string, database: DemoDatabaseLogin): string {
  const path = join(folder, 'demo.pgpass');
  const { host, port, database: name, user, password } = database;
  rmSync(path, { force: true });
  writeFileSync(path, `${host}:${port}:${name}:${user}:${password}\n`, { mode: 0o600, flag: 'wx' });
  return path;
}
