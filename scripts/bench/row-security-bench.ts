// npm run bench -- --row-security: what sql/session-desk-row-security.sql costs the Sessions
// page. The online page (1000 rows) and the stat row, through the app's own openRadiusDb, as
// an admin and as a reseller role (its tree about a tenth of the network), with the policies
// off and on. The policies are installed and removed again in rounds, so machine noise lands
// on both sides; the bench database is left as it was found.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { sessionListInputSchema } from '@contract';
import { openRadiusDb, type DbProfile, type RadiusDb } from '../../src-main/radius-db';
import { ensureDataset } from './dataset';
import type { BenchOptions } from './options';
import { findServer } from './server';
import { summarize } from './timing';

const sqlFolder = resolve(import.meta.dirname, '../../sql');
const readSql = (name: string) => readFile(resolve(sqlFolder, name), 'utf8');
const rounds = 3;
const password = 'bench';
// generate.sql's tree: reseller 2 has sub-resellers 20, 30, 40 and 50.
const benchReseller = 2;

interface Sample {
  role: 'admin' | 'reseller';
  rowSecurity: boolean;
  case: 'online page 1 (1000 rows)' | 'stat row';
  samples: number[];
  rows: number;
}

async function timed(call: () => Promise<unknown>, warmup: number, runs: number) {
  for (let i = 0; i < warmup; i += 1) await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function measure(db: RadiusDb, warmup: number, runs: number) {
  const input = sessionListInputSchema.parse({ filter: { status: 'online' }, pageSize: 1000 });
  const scope = db.operator.scope;
  const page = await db.listSessions(input, scope);
  const stats = await db.stats(scope);
  return {
    page: await timed(() => db.listSessions(input, scope), warmup, runs),
    stats: await timed(() => db.stats(scope), warmup, runs),
    pageRows: page.matches.count,
    online: stats.online,
  };
}

export async function benchRowSecurity(options: BenchOptions): Promise<void> {
  const server = await findServer();
  const suffix = randomBytes(3).toString('hex');
  const roles = { admin: `sd_bench_admin_${suffix}`, reseller: `sd_bench_reseller_${suffix}` };
  try {
    const dataset = await ensureDataset(server, options.size, options.regenerate);
    const owner = new pg.Client({ connectionString: dataset.url.href });
    await owner.connect();
    const hadOperators =
      (await owner.query(`SELECT to_regclass('session_desk.operators') IS NOT NULL AS found`))
        .rows[0].found === true;
    const opened: RadiusDb[] = [];
    try {
      await owner.query(await readSql('session-desk-operators.sql'));
      for (const role of Object.values(roles)) {
        await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
        await owner.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
      }
      await owner.query(
        `INSERT INTO session_desk.operators (role_name, user_type, reseller_id) VALUES
           ($1, 'admin', NULL), ($2, 'reseller', $3)`,
        [roles.admin, roles.reseller, benchReseller],
      );
      const profileOf = (user: string): DbProfile => ({
        host: dataset.url.hostname,
        port: Number(dataset.url.port || 5432),
        database: dataset.database,
        user,
        password,
        sslMode: 'disable',
      });
      const results: Sample[] = [];
      const record = (
        role: Sample['role'],
        rowSecurity: boolean,
        run: Awaited<ReturnType<typeof measure>>,
      ) => {
        for (const [name, samples, rows] of [
          ['online page 1 (1000 rows)', run.page, run.pageRows],
          ['stat row', run.stats, run.online],
        ] as const) {
          const found = results.find(
            (r) => r.role === role && r.rowSecurity === rowSecurity && r.case === name,
          );
          if (found) found.samples.push(...samples);
          else results.push({ role, rowSecurity, case: name, samples: [...samples], rows });
        }
      };
      const perRound = Math.max(1, Math.ceil(options.runs / rounds));
      console.log(
        `Measuring on ${server.origin}, ${dataset.database}: ${dataset.onlineRows.toLocaleString('en')} online, ` +
          `${rounds} rounds of ${perRound} runs per case…`,
      );
      for (let round = 0; round < rounds; round += 1) {
        for (const rowSecurity of [false, true]) {
          if (rowSecurity) await owner.query(await readSql('session-desk-row-security.sql'));
          // A fresh connection per condition: policies are planned into each statement.
          for (const role of ['admin', 'reseller'] as const) {
            const db = await openRadiusDb(profileOf(roles[role]), {
              statementTimeoutMs: options.statementTimeoutMs,
              applicationName: 'Session Desk bench',
            });
            opened.push(db);
            record(
              role,
              rowSecurity,
              await measure(db, round === 0 ? options.warmup : 1, perRound),
            );
            await db.close();
            opened.pop();
          }
          if (rowSecurity) await owner.query(await readSql('session-desk-row-security-remove.sql'));
        }
      }
      console.log('');
      console.log(report(results));
    } finally {
      await Promise.all(opened.map((db) => db.close()));
      await owner
        .query(await readSql('session-desk-row-security-remove.sql'))
        .catch(() => undefined);
      if (!hadOperators) await owner.query('DROP SCHEMA IF EXISTS session_desk CASCADE');
      else {
        await owner.query('DELETE FROM session_desk.operators WHERE role_name = ANY($1)', [
          Object.values(roles),
        ]);
      }
      for (const role of Object.values(roles)) {
        await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
        await owner.query(`DROP ROLE IF EXISTS ${role}`);
      }
      await owner.end();
    }
  } finally {
    await server.stop();
  }
}

function report(results: Sample[]): string {
  const lines = [
    'case                        role       rows     policies off (median / p95)   policies on (median / p95)   added (median)',
  ];
  for (const name of ['online page 1 (1000 rows)', 'stat row'] as const) {
    for (const role of ['admin', 'reseller'] as const) {
      const off = results.find((r) => r.case === name && r.role === role && !r.rowSecurity)!;
      const on = results.find((r) => r.case === name && r.role === role && r.rowSecurity)!;
      const a = summarize(off.samples);
      const b = summarize(on.samples);
      const ms = (value: number) => `${value.toFixed(1)} ms`;
      lines.push(
        [
          name.padEnd(27),
          role.padEnd(10),
          String(off.rows).padStart(7),
          `${ms(a.medianMs)} / ${ms(a.p95Ms)}`.padStart(28),
          `${ms(b.medianMs)} / ${ms(b.p95Ms)}`.padStart(28),
          `${b.medianMs - a.medianMs >= 0 ? '+' : ''}${ms(b.medianMs - a.medianMs)}`.padStart(16),
        ].join(' '),
      );
    }
  }
  lines.push(
    '',
    'rows: the matches (page) or online sessions (stat row) the role sees; the reseller is ' +
      `reseller ${benchReseller} with its sub-resellers (generate.sql).`,
  );
  return lines.join('\n');
}
