import { F } from '@contract';
import { describe, expect, it } from 'vitest';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, recommendedIndexes } from '../../../src-main/radius-db';
import { createTestDatabase, type TestSchema } from '../../support/database';
import { listInput } from '../../support/radius-db-helpers';
import { insertSessions, offline } from '../../support/seed';

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
        ]);
        const db = await openRadiusDb(database.profile);
        try {
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
        } finally {
          await db.close();
        }
      } finally {
        await database.drop();
      }
    });
  }
});
