import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freeTcpPort } from '../../src-main/free-port';
import type { DbProfile } from '../../src-main/radius-db';

const exec = promisify(execFile);

/**
 * A primary and a hot standby streaming from it, both on loopback, started from scratch in a
 * temp folder with Debian's PostgreSQL server binaries (postgresql-15 in .ci/run): initdb,
 * pg_basebackup -R, pg_ctl. Nothing is shared with the run's server. Trust auth, TCP on
 * 127.0.0.1 only, no Unix socket.
 */
export interface StreamingReplica {
  primary: DbProfile;
  standby: DbProfile;
  /** A pool on the primary's radius database, for seeding and inspecting. */
  primaryPool: pg.Pool;
  /** A pool on the standby's radius database. */
  standbyPool: pg.Pool;
  /** Resolves once the standby has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

const database = 'radius';

/**
 * The newest /usr/lib/postgresql/<major>/bin that has pg_basebackup (Debian's layout), or
 * null: the replica tests are then skipped, loudly (install postgresql-15).
 */
export const serverBinaries: string | null = (() => {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = majors
    .map((major) => join(root, major, 'bin'))
    .find((bin) => existsSync(join(bin, 'pg_basebackup')) && existsSync(join(bin, 'initdb')));
  if (!found) {
    console.warn(
      'SKIPPED: the read-replica tests need PostgreSQL server binaries (initdb, pg_basebackup, ' +
        'pg_ctl) under /usr/lib/postgresql/<major>/bin: apt-get install postgresql-15.',
    );
  }
  return found ?? null;
})();

export async function startStreamingReplica(schemaSql: string): Promise<StreamingReplica> {
  const bin = serverBinaries;
  if (bin === null) throw new Error('No PostgreSQL server binaries: install postgresql-15.');
  const folder = await mkdtemp(join(tmpdir(), 'session-desk-replica-'));
  // PostgreSQL refuses to run as root: then everything runs as the "postgres" system user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await chmod(folder, 0o755);
    const { stdout } = await exec('id', ['-u', 'postgres']);
    const { stdout: gid } = await exec('id', ['-g', 'postgres']);
    await chown(folder, Number(stdout.trim()), Number(gid.trim()));
  }
  const run = (program: string, args: string[]) =>
    asRoot
      ? exec('runuser', ['-u', 'postgres', '--', join(bin, program), ...args])
      : exec(join(bin, program), args);
  const primaryDir = join(folder, 'primary');
  const standbyDir = join(folder, 'standby');
  const started: string[] = [];
  const pools: pg.Pool[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    for (const dir of started.reverse()) {
      await run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
    const primaryPort = await freeTcpPort();
    // initdb's pg_hba.conf already lets 127.0.0.1 replicate with trust; wal_level is replica.
    await startServer(run, primaryDir, primaryPort, started);
    const primary = profileAt(primaryPort);
    const admin = new pg.Client({ ...primary, database: 'postgres', password: undefined });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const primaryPool = pool(primary, pools);
    await primaryPool.query(schemaSql);
    await run('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'],
      ...['-D', standbyDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
    ]);
    const standbyPort = await freeTcpPort();
    await startServer(run, standbyDir, standbyPort, started);
    const standby = profileAt(standbyPort);
    const standbyPool = pool(standby, pools);
    return {
      primary,
      standby,
      primaryPool,
      standbyPool,
      caughtUp: async () => {
        const { rows } = await primaryPool.query<{ lsn: string }>(
          'SELECT pg_current_wal_lsn()::text AS lsn',
        );
        for (;;) {
          const { rows: replayed } = await standbyPool.query<{ done: boolean }>(
            'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
            [rows[0]!.lsn],
          );
          if (replayed[0]?.done) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startServer(
  run: (program: string, args: string[]) => Promise<unknown>,
  dir: string,
  port: number,
  started: string[],
): Promise<void> {
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off`;
  started.push(dir);
  await run('pg_ctl', ['-D', dir, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
}

function profileAt(port: number): DbProfile {
  return {
    host: '127.0.0.1',
    port,
    database,
    user: 'postgres',
    password: null,
    sslMode: 'disable',
  };
}

function pool(profile: DbProfile, pools: pg.Pool[]): pg.Pool {
  const created = new pg.Pool({ ...profile, password: undefined, max: 2 });
  created.on('error', () => undefined);
  pools.push(created);
  return created;
}
