import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvHeaderLine, sessionCsvLine, type SessionFilter } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSessionsCsv } from '../../../src-main/csv/write-sessions-csv';
import { everything } from '../../../src-main/operator-scope';
import { openRadiusDb, type RadiusDb, type SessionPageQuery } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase, type TestSchema } from '../../support/database';
import {
  addSubscriber,
  insertSessions,
  offline,
  online,
  type SessionSeed,
} from '../../support/seed';

// Every value the formula and quoting rules treat specially, in every text column.
const awkward = [
  '=1+1',
  '+1',
  '-1',
  '@x',
  "'=already",
  "''+twice",
  '\tTab',
  '\rCR',
  '\nLF',
  ' =spaced',
  '\u00a0=nbsp',
  '\u3000=ideographic',
  '\ufeff+bom',
  '＝full',
  '＋full',
  '－full',
  '＠full',
  'a,b',
  'say "hi"',
  'two\r\nlines',
  "it's",
  'plain',
  'Zoë 🚀',
  '\\back\\slash',
  '',
  ' ',
  "'",
  '=',
];

/**
 * The stock radacct's addresses are inet, which PostgreSQL prints and the export copies
 * unchecked (SessionSql.formulaSafeFields); a radacct keeping them as text can hold any of
 * the awkward values there, and those must still be neutralised.
 */
const layouts: {
  schema: TestSchema;
  subscribers: boolean;
  addresses: (value: string, index: number) => Partial<SessionSeed>;
}[] = [
  {
    schema: 'stock+panel',
    subscribers: true,
    addresses: (_value, index) => ({
      ip: `100.64.0.${index}`,
      nas: `10.0.0.${index + 1}`,
      ipv6: `2001:db8::${index.toString(16)}`,
      wanPrefix: `2001:db8:${index.toString(16)}::/64`,
      delegatedPrefix: `2001:db8:aa${index.toString(16).padStart(2, '0')}::/56`,
    }),
  },
  {
    schema: 'text-columns',
    subscribers: false,
    addresses: (value) => ({ ip: value, nas: value }),
  },
];

describe.each(layouts)(
  'the sessions CSV written by PostgreSQL (COPY), $schema radacct',
  (layout) => {
    let database: TestDatabase;
    let db: RadiusDb;
    let folder: string;

    beforeAll(async () => {
      database = await createTestDatabase({ schema: layout.schema });
      const pool = database.pool();
      if (layout.subscribers) {
        for (const [index, value] of awkward.entries()) {
          await addSubscriber(pool, { username: `user${index}`, fullName: value });
        }
      }
      await insertSessions(
        pool,
        awkward.flatMap((value, index) => [
          online({
            username: `user${index}`,
            ...layout.addresses(value, index),
            mac: value,
            sessionId: value || `s${index}`,
            start: `2026-11-21T08:00:${String(index).padStart(2, '0')}.${index}Z`,
            download: index * 1_000_000_007,
          }),
          offline({ username: value, mac: null, ip: null, terminateCause: value }),
        ]),
      );
      db = await openRadiusDb(database.profile);
      folder = mkdtempSync(join(tmpdir(), 'sd-csv-copy-'));
    });
    afterAll(async () => {
      await db?.close();
      await database?.drop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('is byte for byte what the JavaScript writer makes of the same rows', async () => {
      const filter: SessionFilter = { search: '', status: 'all', nasIp: null };
      const query: SessionPageQuery = {
        filter,
        sort: { column: 'startTime', direction: 'desc' },
        cursor: null,
        limit: 100_000,
      };
      const path = join(folder, 'copy.csv');
      const signal = new AbortController().signal;
      const rows = await writeSessionsCsv(db, query, everything, path, signal);
      const written = readFileSync(path);
      const exportedAt = written.toString('utf8').split('\r\n')[1]!.split(',').at(-1)!;

      let expected = `${csvHeaderLine}\r\n`;
      await db.streamSessions(
        query,
        everything,
        async (batch) => {
          for (const row of batch) expected += `${sessionCsvLine(row, exportedAt)}\r\n`;
        },
        signal,
      );
      expect(rows).toBe(awkward.length * 2);
      expect(written.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    });
  },
);
