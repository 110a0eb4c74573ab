import { F } from '@contract';
import { describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, recommendedIndexes } from '../../../src-main/radius-db';
import { onlineNasIndexName } from '../../../src-main/radius-db/recommended-indexes';
import { createTestDatabase, type TestSchema } from '../../support/database';
import { listInput } from '../../support/radius-db-helpers';
import { insertSessions, offline, online } from '../../support/seed';

describe('recommended indexes', () => {
  for (const schema of ['stock', 'text-columns'] as TestSchema[]) {
    it(`are valid, repeatable statements on the ${schema} schema`, async (context) => {
      const database = await createTestDatabase({ schema });
      try {
        const pool = database.pool();
        const trgm = await pool.query(
          "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'",
        );
        if (trgm.rowCount === 0) context.skip('this PostgreSQL build ships without pg_trgm');
        await insertSessions(pool, [
          offline({ username: 'indexed@isp.example', ip: '100.64.7.7' }),
          online({ username: 'a@isp.example', nas: '127.0.10.1' }),
          online({ username: 'b@isp.example', nas: '127.0.10.1' }),
          online({ username: 'c@isp.example', nas: '127.0.10.2' }),
          offline({ username: 'd@isp.example', nas: '127.0.10.2' }),
        ]);
        const db = await openRadiusDb(database.profile);
        try {
          const perNasBefore = (await db.stats(everything)).perNas;
          const statements = recommendedIndexes(db.summary);
          for (let round = 0; round < 2; round += 1) {
            for (const statement of statements) await pool.query(statement);
          }
          const indexes = await pool.query(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'radacct' AND indexname LIKE '%trgm%'",
          );
          // The stock schema's IPv6 prefixes get two more (and GiST ones for containment).
          expect(indexes.rowCount).toBe(schema === 'stock' ? 8 : 6);
          const gist = await pool.query(
            "SELECT 1 FROM pg_indexes WHERE tablename = 'radacct' AND indexname LIKE '%gist%'",
          );
          expect(gist.rowCount).toBe(schema === 'stock' ? 2 : 0);
          const page = await db.listSessions(
            listInput({ search: '64.7.', status: 'offline' }),
            everything,
          );
          expect(page.rows.map((row) => row[F.username])).toEqual(['indexed@isp.example']);
          // The per-NAS count index (every refresh reads it) changes no figure.
          const perNas = (await db.stats(everything)).perNas;
          expect(perNas).toEqual(perNasBefore);
          expect(perNas).toEqual([
            { nasIp: '127.0.10.1', nasName: null, online: 2 },
            { nasIp: '127.0.10.2', nasName: null, online: 1 },
          ]);
          const nasIndex = await pool.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [
            onlineNasIndexName,
          ]);
          expect(nasIndex.rowCount).toBe(1);
        } finally {
          await db.close();
        }
      } finally {
        await database.drop();
      }
    });
  }
});
