import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileSummary } from '@contract';
import type { LocalStore } from '../local-store';
import type { DemoLogin } from './embedded-database';
import { demoReseller } from './seed';
import type { FleetNas } from './simulated-fleet';

export const demoProfileName = 'Demo ISP';
export const demoResellerProfileName = `Demo ISP (reseller ${demoReseller.name})`;

interface DemoDatabaseLogin {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/**
 * The "Demo ISP" profile on the embedded PostgreSQL, with every simulated NAS's access, made
 * the profile the app opens on, and "Demo ISP (reseller Norte Conecta)" beside it, logged in
 * as that reseller's own role. Run on every start: the ports and the database passwords
 * change from run to run. sealSecrets: false for the desktop app, whose keychain this
 * process cannot write to; the database passwords then come from the pgpass file
 * (writeDemoPgpass), the API password is empty (a factory MikroTik's) and the CoA secret
 * comes from FreeRADIUS's nas table, as for any NAS without a stored secret.
 */
export function saveDemoProfile(
  store: LocalStore,
  database: DemoDatabaseLogin,
  fleet: FleetNas[],
  api: { user: string; password: string; sealSecrets: boolean },
  reseller: DemoLogin,
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
    primaryHost: null,
    primaryPort: null,
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
      // The simulated BNGs sign every reply, as a NAS hardened against BlastRADIUS does.
      requireMessageAuthenticator: true,
    });
  }
  saveResellerProfile(store, database, reseller, api.sealSecrets);
  store.lastProfileId.set(profile.id);
  return profile;
}

/**
 * The same database as Norte Conecta's own role: its tree's sessions only, and no
 * Disconnect (its operators row grants sessions.view alone), so it needs no NAS access.
 */
function saveResellerProfile(
  store: LocalStore,
  database: DemoDatabaseLogin,
  reseller: DemoLogin,
  sealSecrets: boolean,
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
    user: reseller.user,
    sslMode: 'disable',
    primaryHost: null,
    primaryPort: null,
    password: sealSecrets ? reseller.password : '',
  });
}

/**
 * A libpq pgpass file (which node-postgres reads when a profile has no password) holding
 * the demo database's logins, owner-only, for the desktop app; returns its path.
 */
export function writeDemoPgpass(
  folder: string,
  database: DemoDatabaseLogin,
  operators: readonly DemoLogin[],
): string {
  const path = join(folder, 'demo.pgpass');
  const { host, port, database: name } = database;
  const lines = [database, ...operators].map(
    ({ user, password }) => `${host}:${port}:${name}:${user}:${password}\n`,
  );
  rmSync(path, { force: true });
  writeFileSync(path, lines.join(''), { mode: 0o600, flag: 'wx' });
  return path;
}
