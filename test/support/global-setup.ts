import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from './embedded-server';

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
