import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DbProfile } from '../../src-main/radius-db';

export type TestSchema = 'stock' | 'stock+panel' | 'partitioned' | 'text-columns' | 'empty';

export interface TestDatabase {
  /** Connection URL of the new database (as the admin user). */
  url: string;
  /** The same database as an operator's connection profile. */
  profile: DbProfile;
  /** A pool for seeding and inspecting the database directly, outside the module under test. */
  pool(): pg.Pool;
  /** Ends the seeding pool and drops the database, even with connections still open. */
  drop(): Promise<void>;
}

// The stock and panel schemas are the demo's (bundled into it); test-only schemas stay here.
const demoSql = resolve(import.meta.dirname, '../../src-main/demo/sql');
const fixtureSql = resolve(import.meta.dirname, '../fixtures/sql');
// The DBA script the README hands out, as it ships.
const dbaSql = resolve(import.meta.dirname, '../../sql');
const schemaFiles: Record<TestSchema, string[]> = {
  stock: [resolve(demoSql, 'freeradius-schema.sql')],
  'stock+panel': [resolve(demoSql, 'freeradius-schema.sql'), resolve(demoSql, 'panel-schema.sql')],
  // The stock schema, its radacct replaced by the partitioned one.
  partitioned: [
    resolve(demoSql, 'freeradius-schema.sql'),
    resolve(fixtureSql, 'drop-radacct.sql'),
    resolve(dbaSql, 'radacct-partitioned.sql'),
  ],
  'text-columns': [resolve(fixtureSql, 'text-columns-schema.sql')],
  empty: [],
};

/** Creates a schema's tables in the database `pool` is on. */
export async function loadSchema(pool: pg.Pool, schema: TestSchema): Promise<void> {
  for (const file of schemaFiles[schema]) {
    await pool.query(await readFile(file, 'utf8'));
  }
}

/** The admin URL of the run's server (embedded, or TEST_DATABASE_URL). */
export function adminDatabaseUrl(): string {
  return inject('adminDatabaseUrl');
}

/** The run's server as a profile for the given database name. */
export function profileFor(database: string): DbProfile {
  const url = new URL(adminDatabaseUrl());
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    database,
    user: decodeURIComponent(url.username),
    password: url.password ? decodeURIComponent(url.password) : null,
    sslMode: 'disable',
  };
}

/**
 * A fresh database with its own unique name, so test files can run in parallel without
 * seeing each other's sessions.
 */
export async function createTestDatabase(opts: { schema: TestSchema }): Promise<TestDatabase> {
  const name = `session_desk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  const url = databaseUrl(name);
  let seedPool: pg.Pool | null = null;
  const pool = (): pg.Pool => {
    if (!seedPool) {
      seedPool = new pg.Pool({ connectionString: url, max: 4 });
      // DROP … WITH (FORCE) ends whatever is still connected; an idle client it ends is
      // expected then, and must not surface as an uncaught error of the test file.
      seedPool.on('error', () => undefined);
    }
    return seedPool;
  };
  await loadSchema(pool(), opts.schema);
  return {
    url,
    profile: profileFor(name),
    pool,
    drop: async () => {
      await seedPool?.end();
      seedPool = null;
      await withAdmin((admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

function databaseUrl(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** One connection as the server's admin, for what spans databases (databases, roles). */
export async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
