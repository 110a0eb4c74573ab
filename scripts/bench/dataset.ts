import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { runPsqlOrThrow } from './psql';
import type { BenchServer } from './server';
import { generatorVersion, type DatasetSize } from './sizes';

export interface Dataset {
  url: URL;
  database: string;
  totalRows: number;
  onlineRows: number;
  /** How long generation took, when this run or an earlier one built it. */
  generationSeconds: number;
  generatedAt: string;
  reused: boolean;
}

const repoRoot = resolve(import.meta.dirname, '../..');
// The schema the tests and the demo load: the bench measures the same tables, not a copy.
const demoSql = (name: string) => resolve(repoRoot, 'src-main/demo/sql', name);
const stockSchema = [demoSql('freeradius-schema.sql'), demoSql('panel-schema.sql')];

/**
 * The stock schema with its radacct replaced by the DBA script's partitioned one. The load
 * runs with session_replication_role = replica: the script's trigger that keeps
 * AcctUniqueId unique looks every row up (and its index is dropped for the load); the
 * generator writes unique ids by construction.
 */
async function partitionedSchema(): Promise<string[]> {
  const [stock, panel, partitioned] = await Promise.all(
    [...stockSchema, resolve(repoRoot, 'sql/radacct-partitioned.sql')].map((file) =>
      readFile(file, 'utf8'),
    ),
  );
  return [stock ?? '', 'DROP TABLE radacct;', partitioned ?? '', panel ?? ''];
}

async function withClient<T>(url: URL, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The marker a finished generation leaves; a crashed one leaves none and is rebuilt. */
async function readMarker(url: URL, size: DatasetSize): Promise<Dataset | null> {
  return withClient(url, async (client) => {
    const table = await client.query(`SELECT to_regclass('bench_dataset') IS NOT NULL AS found`);
    if (!table.rows[0]?.found) return null;
    const marker = await client.query(
      `SELECT total_rows, online_rows, generation_seconds, generated_at::text
         FROM bench_dataset WHERE size = $1 AND generator_version = $2`,
      [size.name, generatorVersion],
    );
    const row = marker.rows[0];
    if (!row) return null;
    return {
      url,
      database: url.pathname.slice(1),
      totalRows: Number(row.total_rows),
      onlineRows: Number(row.online_rows),
      generationSeconds: Number(row.generation_seconds),
      generatedAt: row.generated_at,
      reused: true,
    };
  });
}

async function databaseExists(server: BenchServer, database: string): Promise<boolean> {
  return withClient(server.adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    return found.rowCount === 1;
  });
}

async function generate(
  server: BenchServer,
  size: DatasetSize,
  url: URL,
  partitioned: boolean,
): Promise<Dataset> {
  const database = url.pathname.slice(1);
  const quoted = `"${database}"`;
  await withClient(server.adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted}`);
    await client.query(`CREATE DATABASE ${quoted}`);
  });
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`Generating ${database}: ${size.totalRows} rows, ${size.onlineRows} online…`);
  const schema = partitioned
    ? await partitionedSchema()
    : await Promise.all(stockSchema.map((file) => readFile(file, 'utf8')));
  await runPsqlOrThrow(url, ['\\set ON_ERROR_STOP on', ...schema].join('\n'));
  const generator = await readFile(resolve(import.meta.dirname, 'generate.sql'), 'utf8');
  const preamble = partitioned ? 'SET session_replication_role = replica;\n' : '';
  await runPsqlOrThrow(url, preamble + generator, {
    args: [
      '-v',
      `total=${size.totalRows}`,
      '-v',
      `online=${size.onlineRows}`,
      '-v',
      `subscribers=${size.subscribers}`,
    ],
    onLine: (line) => console.log(`  ${elapsed()} s  ${line}`),
  });
  const generationSeconds = (performance.now() - started) / 1000;
  console.log(`  ${elapsed()} s  done`);
  return withClient(url, async (client) => {
    const counts = await client.query(
      `SELECT count(*) AS total, count(*) FILTER (WHERE acctstoptime IS NULL) AS online
         FROM radacct`,
    );
    await client.query(
      `CREATE TABLE bench_dataset (size text PRIMARY KEY, generator_version int NOT NULL,
         total_rows bigint NOT NULL, online_rows bigint NOT NULL,
         generation_seconds numeric NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())`,
    );
    const marker = await client.query(
      `INSERT INTO bench_dataset (size, generator_version, total_rows, online_rows,
         generation_seconds) VALUES ($1, $2, $3, $4, $5) RETURNING generated_at::text`,
      [size.name, generatorVersion, counts.rows[0].total, counts.rows[0].online, generationSeconds],
    );
    return {
      url,
      database,
      totalRows: Number(counts.rows[0].total),
      onlineRows: Number(counts.rows[0].online),
      generationSeconds,
      generatedAt: marker.rows[0].generated_at,
      reused: false,
    };
  });
}

/**
 * sessiondesk_bench_<size> (…_partitioned for a partitioned radacct) on the server: reused
 * when complete, otherwise (re)built.
 */
export async function ensureDataset(
  server: BenchServer,
  size: DatasetSize,
  regenerate: boolean,
  partitioned = false,
): Promise<Dataset> {
  // BENCH_DATABASE_PREFIX lets two checkouts on one server keep their datasets apart.
  const database =
    `${process.env.BENCH_DATABASE_PREFIX ?? 'sessiondesk_bench_'}${size.name}` +
    (partitioned ? '_partitioned' : '');
  const url = server.urlFor(database);
  if (!regenerate && (await databaseExists(server, database))) {
    const existing = await readMarker(url, size);
    if (existing) return existing;
  }
  return generate(server, size, url, partitioned);
}
