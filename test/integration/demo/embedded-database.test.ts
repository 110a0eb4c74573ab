import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoDatabase, type DemoDatabase } from '../../../src-main/demo/embedded-database';

// The demo's PostgreSQL listens on 127.0.0.1, where every local user can reach it. It must
// not hand any of them a superuser (COPY … TO PROGRAM runs commands as its owner), and its
// files must not sit in a folder others can read or guess.
let demo: DemoDatabase;

beforeAll(async () => {
  demo = await startDemoDatabase();
}, 120_000);

afterAll(async () => {
  await demo?.stop();
});

async function connectError(config: pg.ClientConfig): Promise<string | null> {
  const client = new pg.Client({ host: '127.0.0.1', port: demo.port, ...config });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe("the demo's PostgreSQL", () => {
  it('keeps its cluster in a private folder with an unpredictable name', () => {
    expect(dirname(demo.folder)).toBe(tmpdir());
    expect(basename(demo.folder)).toMatch(/^session-desk-demo-pg-[A-Za-z0-9]{6}$/);
    expect((statSync(demo.folder).mode & 0o777).toString(8)).toBe('700');
  });

  it('lets no one in over TCP as the superuser, whatever the password', async () => {
    for (const password of [undefined, '', 'demo', 'postgres']) {
      const refused = await connectError({ user: 'postgres', database: 'postgres', password });
      expect(refused, `password ${String(password)}`).not.toBeNull();
    }
  });

  it("lets the demo's role in only with its password, and only to the demo database", async () => {
    expect(demo.user).not.toBe('postgres');
    expect(demo.password).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await connectError({ user: demo.user, database: demo.database, password: 'x' })).toBe(
      '28P01',
    );
    expect(
      await connectError({ user: demo.user, database: 'postgres', password: demo.password }),
    ).not.toBeNull();
  });

  it("gives the demo's role its own database and no superuser power", async () => {
    const pool = demo.pool();
    try {
      const { rows } = await pool.query<{
        rolsuper: boolean;
        rolcreaterole: boolean;
        owner: string;
      }>(
        `SELECT r.rolsuper, r.rolcreaterole, pg_get_userbyid(d.datdba) AS owner
           FROM pg_roles r, pg_database d
          WHERE r.rolname = current_user AND d.datname = current_database()`,
      );
      expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, owner: demo.user });
      await pool.query('CREATE TABLE own_table (id int)');
      const program = await pool.query("COPY (SELECT 1) TO PROGRAM 'id'").then(
        () => 'ran',
        (error: { code?: string }) => error.code,
      );
      expect(program).toBe('42501');
      const serverFile = await pool.query("SELECT pg_read_file('/etc/passwd')").then(
        () => 'read',
        (error: { code?: string }) => error.code,
      );
      expect(serverFile).toBe('42501');
    } finally {
      await pool.end();
    }
  });

  it('removes its files when stopped', async () => {
    const folder = demo.folder;
    await demo.stop();
    expect(existsSync(folder)).toBe(false);
  });
});
