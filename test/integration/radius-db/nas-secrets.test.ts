import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRadiusDb, type RadiusDb } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addNasDevice } from '../../support/seed';

async function addNas(pool: pg.Pool, nasname: string, secret: string): Promise<void> {
  await pool.query('INSERT INTO nas (nasname, shortname, secret) VALUES ($1, $2, $3)', [
    nasname,
    `nas-${nasname}`,
    secret,
  ]);
}

async function secretsOf(database: TestDatabase): Promise<Map<string, string>> {
  const db = await openRadiusDb(database.profile);
  try {
    return await db.nasSecrets();
  } finally {
    await db.close();
  }
}

describe("CoA secrets from FreeRADIUS's nas table", () => {
  const databases: TestDatabase[] = [];
  const create = async (schema: 'stock' | 'stock+panel' | 'text-columns') => {
    const database = await createTestDatabase({ schema });
    databases.push(database);
    return database;
  };
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('maps each NAS address to its secret; hosts, subnets and blank secrets are left out', async () => {
    const database = await create('stock');
    const pool = database.pool();
    await addNas(pool, '127.0.10.1', 'north-secret');
    // FreeRADIUS refuses a second client for the same address: the first one is what it uses.
    await addNas(pool, '127.0.10.1', 'duplicate-secret');
    await addNas(pool, ' 127.0.10.2 ', 'south-secret');
    await addNas(pool, '::1', 'v6-secret');
    await addNas(pool, '127.0.11.0/24', 'subnet-secret');
    await addNas(pool, 'bng.isp.example', 'host-secret');
    await addNas(pool, '127.0.10.3', '  ');
    expect(await secretsOf(database)).toEqual(
      new Map([
        ['127.0.10.1', 'north-secret'],
        ['127.0.10.2', 'south-secret'],
        ['::1', 'v6-secret'],
      ]),
    );
  });

  it('are read even when the panel names NAS in nas_devices', async () => {
    const database = await create('stock+panel');
    await addNasDevice(database.pool(), 'BNG North', '127.0.10.1');
    await addNas(database.pool(), '127.0.10.1', 'north-secret');
    expect(await secretsOf(database)).toEqual(new Map([['127.0.10.1', 'north-secret']]));
  });

  it('are read from varchar columns', async () => {
    const database = await create('text-columns');
    await addNas(database.pool(), '127.0.10.4', 'text-secret');
    expect(await secretsOf(database)).toEqual(new Map([['127.0.10.4', 'text-secret']]));
  });

  it('are none when the database has no nas table', async () => {
    const database = await create('stock');
    await database.pool().query('DROP TABLE nas');
    expect(await secretsOf(database)).toEqual(new Map());
  });

  describe('for a database user who may not read nas.secret', () => {
    const role = `sd_noc_${randomBytes(4).toString('hex')}`;
    let database: TestDatabase;
    let db: RadiusDb;

    beforeAll(async () => {
      database = await create('stock');
      const pool = database.pool();
      await addNas(pool, '127.0.10.1', 'hidden-secret');
      const name = pg.escapeIdentifier(role);
      await pool.query(`CREATE ROLE ${name} LOGIN PASSWORD 'noc-pass'`);
      await pool.query(`GRANT SELECT ON radacct TO ${name}`);
      await pool.query(`GRANT SELECT (nasname, shortname) ON nas TO ${name}`);
      db = await openRadiusDb({ ...database.profile, user: role, password: 'noc-pass' });
    });
    afterAll(async () => {
      await db?.close();
      const pool = database.pool();
      await pool.query(`DROP OWNED BY ${pg.escapeIdentifier(role)}`);
      await pool.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
    });

    it('are none, rather than a permission error', async () => {
      expect(await db.nasSecrets()).toEqual(new Map());
    });
  });
});
