// sql/session-desk-row-security.sql: PostgreSQL itself keeps a scoped operator to its tree,
// here through psql as the DBA would check it, while FreeRADIUS's writer, the admin and a
// role with sessions.view_all go on as before.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbProfile } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import {
  addOperator,
  installOperatorsTable,
  installRowSecurity,
  operatorRoles,
  removeRowSecurity,
} from '../../support/operator-roles';
import {
  seedResellerTree,
  sessionsOfTree,
  type ResellerTreeSeed,
} from '../../support/reseller-tree';

const run = promisify(execFile);
const roles = operatorRoles();
let database: TestDatabase;
let seed: ResellerTreeSeed;
let north: { role: string; profile: DbProfile };
let southAll: { role: string; profile: DbProfile };
let writer: { role: string; profile: DbProfile };

/** psql as the profile's role: one value per line, unaligned, no headers. */
async function psql(profile: DbProfile, sql: string): Promise<string[]> {
  const { stdout } = await run(
    'psql',
    [
      '-X',
      '-q',
      '-A',
      '-t',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      profile.host,
      '-p',
      String(profile.port),
      '-U',
      profile.user,
      '-d',
      profile.database,
      '-c',
      sql,
    ],
    { env: { ...process.env, PGPASSWORD: profile.password ?? '' } },
  );
  return stdout.split('\n').filter((line) => line !== '');
}

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const pool = database.pool();
  seed = await seedResellerTree(pool);
  await installOperatorsTable(pool);
  await installRowSecurity(pool);
  north = await roles.create('north', [database]);
  await addOperator(pool, north.role, { userType: 'reseller', resellerId: seed.resellers.north });
  southAll = await roles.create('southall', [database]);
  await addOperator(pool, southAll.role, {
    userType: 'support',
    resellerId: seed.resellers.south,
    permissions: ['sessions.view', 'sessions.view_all'],
  });
  // FreeRADIUS's own role: not the table owner, no operators row, writes radacct.
  writer = await roles.create('freeradius', [database]);
  await pool.query(
    `GRANT INSERT, UPDATE ON radacct TO ${writer.role};
     GRANT USAGE ON SEQUENCE radacct_radacctid_seq TO ${writer.role}`,
  );
});

afterAll(async () => {
  await database?.drop();
  await roles.drop();
});

const treeIds = async (resellerId: number | null) =>
  (await sessionsOfTree(database.pool(), resellerId)).map((session) => session.id);

describe('with the row-level security policies installed', () => {
  it('psql as a reseller role sees only its tree: sessions, subscribers, resellers', async () => {
    expect(await psql(north.profile, 'SELECT radacctid FROM radacct ORDER BY radacctid')).toEqual(
      await treeIds(seed.resellers.north),
    );
    expect(await psql(north.profile, 'SELECT username FROM subscribers ORDER BY username')).toEqual(
      ['ne1@isp', 'nef1@isp', 'north1@isp', 'north2@isp'],
    );
    const { north: n, northEast, northEastFar } = seed.resellers;
    expect(await psql(north.profile, 'SELECT id FROM resellers ORDER BY id')).toEqual(
      [n, northEast, northEastFar].map(String),
    );
  });

  it('cannot be widened from psql: a temporary "resellers", or asking for another role', async () => {
    const shadowed = await psql(
      north.profile,
      `CREATE TEMP TABLE resellers (id integer, parent_id integer);
       INSERT INTO resellers VALUES (${seed.resellers.south}, ${seed.resellers.north});
       SELECT radacctid FROM radacct ORDER BY radacctid`,
    );
    expect(shadowed).toEqual(await treeIds(seed.resellers.north));
    expect(
      await psql(north.profile, `SELECT session_desk.visible_reseller_ids('${southAll.role}')`),
    ).toEqual(['{}']);
  });

  it('leaves every session to a role with sessions.view_all, and to the table owner', async () => {
    const everyId = await treeIds(null);
    expect(
      await psql(southAll.profile, 'SELECT radacctid FROM radacct ORDER BY radacctid'),
    ).toEqual(everyId);
    expect(
      await psql(database.profile, 'SELECT radacctid FROM radacct ORDER BY radacctid'),
    ).toEqual(everyId);
  });

  it('follows session_desk.operators: sessions.view_all granted or taken back applies at once', async () => {
    const pool = database.pool();
    await pool.query(
      `UPDATE session_desk.operators SET permissions = '{sessions.view,sessions.view_all}'
       WHERE role_name = $1`,
      [north.role],
    );
    expect(await psql(north.profile, 'SELECT radacctid FROM radacct ORDER BY radacctid')).toEqual(
      await treeIds(null),
    );
    await pool.query(`UPDATE session_desk.operators SET permissions = '{}' WHERE role_name = $1`, [
      north.role,
    ]);
    expect(await psql(north.profile, 'SELECT radacctid FROM radacct ORDER BY radacctid')).toEqual(
      await treeIds(seed.resellers.north),
    );
  });

  it('costs a role it does not limit nothing: its plans carry no policy', async () => {
    const plan = async (profile: DbProfile) =>
      (
        await psql(
          profile,
          'EXPLAIN (COSTS OFF) SELECT count(*) FROM radacct WHERE acctstoptime IS NULL',
        )
      ).join('\n');
    expect(await plan(writer.profile)).not.toMatch(/SubPlan|InitPlan|username/);
    expect(await plan(southAll.profile)).not.toMatch(/SubPlan|InitPlan|username/);
    expect(await plan(north.profile)).toMatch(/SubPlan/);
  });

  it("does not get in FreeRADIUS's way: a role with no row still writes any session", async () => {
    const [started] = await psql(
      writer.profile,
      `INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime)
       VALUES ('rls-1', 'rls-unique-1', 'south1@isp', '127.0.10.21', now()) RETURNING radacctid`,
    );
    await psql(
      writer.profile,
      `UPDATE radacct SET acctstoptime = now() WHERE acctuniqueid = 'rls-unique-1'`,
    );
    const { rows } = await database
      .pool()
      .query('SELECT acctstoptime IS NOT NULL AS stopped FROM radacct WHERE radacctid = $1', [
        started,
      ]);
    expect(rows).toEqual([{ stopped: true }]);
    expect(
      await psql(north.profile, `SELECT count(*) FROM radacct WHERE radacctid = ${started}`),
    ).toEqual(['0']);
  });

  // Last: it takes the policies out.
  it('comes out again with its removal script: the reseller role reads every row, as before', async () => {
    await removeRowSecurity(database.pool());
    expect(await psql(north.profile, 'SELECT radacctid FROM radacct ORDER BY radacctid')).toEqual(
      await treeIds(null),
    );
    expect(
      await psql(
        database.profile,
        "SELECT to_regproc('session_desk.refresh_row_security') IS NULL",
      ),
    ).toEqual(['t']);
  });
});
