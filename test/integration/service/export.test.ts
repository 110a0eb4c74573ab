import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csvColumns,
  csvHeaderLine,
  F,
  restoreCsvText,
  type SessionFilter,
  type SessionRow,
} from '@contract';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { exportOutcome, filesIn, fixedExportFolder, parseCsv } from '../../support/export-helpers';
import {
  addNasDevice,
  addReseller,
  addService,
  addSubscriber,
  insertSessions,
  offline,
  online,
} from '../../support/seed';
import { addOperator, installOperatorsTable, operatorRoles } from '../../support/operator-roles';
import { connectedHarness, type ServiceHarness } from '../../support/service-harness';

let database: TestDatabase;
let north: number;
const roles = operatorRoles();
const everyone: SessionFilter = { search: '', status: 'all', nasIp: null };

// Values a spreadsheet or a careless writer gets wrong.
const awkwardNames = [
  'Smith, John',
  'The "Boss" Jones',
  'Line one\r\nline two\nthree',
  'Zoë 🚀 Nakamura',
];
const formulaUsers = ['=HYPERLINK("http://x")', '+1-555', '-2+3', '@SUM(A1)', '\tcmd', "'=already"];

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const pool = database.pool();
  north = await addReseller(pool, 'North Fiber');
  const south = await addReseller(pool, 'South Fiber');
  const service = await addService(pool, 'Fiber 1G, "unlimited"');
  await addNasDevice(pool, 'bng-north, rack 2', '10.0.0.1');
  const users = [...awkwardNames.map((_, i) => `user${i}@north`), ...formulaUsers];
  for (const [i, username] of users.entries()) {
    await addSubscriber(pool, {
      username,
      fullName: awkwardNames[i] ?? null,
      serviceId: service,
      resellerId: north,
    });
  }
  await addSubscriber(pool, { username: 'bob@south', resellerId: south });
  await insertSessions(pool, [
    ...users.map((username, i) =>
      online({
        username,
        ip: `100.64.1.${i + 1}`,
        mac: `AA:BB:CC:00:00:${String(i).padStart(2, '0')}`,
        start: `2026-11-21T08:${String(i).padStart(2, '0')}:00.25Z`,
        update: '2026-11-21T08:30:00Z',
        sessionTime: 3600 + i,
        download: i === 0 ? '9007199254740993' : String(2 ** 32 + i),
        upload: String(2 ** 33 + 7),
      }),
    ),
    offline({ username: 'user0@north', terminateCause: 'Lost-Carrier', download: 5 }),
    online({ username: 'bob@south', nas: '10.0.0.2' }),
    online({ username: 'orphan', nas: '10.0.0.2', ip: null, mac: null, download: null }),
  ]);
});

afterAll(async () => {
  await database?.drop();
  await roles.drop();
});

const exportingHarness = (
  choose: ReturnType<typeof fixedExportFolder>['choose'],
): Promise<ServiceHarness> => connectedHarness(database, { chooseExportPath: choose }, 'export');

/** Every row of the table for this filter, through sessions.list: what the export must equal. */
async function tableRows(app: ServiceHarness, filter: SessionFilter): Promise<SessionRow[]> {
  const page = await app.ok('sessions.list', { filter, pageSize: 1000 });
  return page.rows;
}

function exportedRecords(path: string): { header: string; records: string[][] } {
  const text = readFileSync(path, 'utf8');
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  const [header, ...records] = parseCsv(text);
  return { header: header!.join(','), records };
}

/** A CSV record read back into SessionRow fields, neutralised text restored. */
function fieldsOf(record: string[]): (string | null)[] {
  return csvColumns
    .filter((column) => column.field !== null)
    .map((column) => {
      const raw = record[csvColumns.indexOf(column)]!;
      if (raw === '') return null;
      return column.kind === 'text' ? restoreCsvText(raw) : raw;
    });
}

const asText = (row: SessionRow): (string | null)[] =>
  row.map((value) => (value === null || value === '' ? null : String(value)));

describe('export of every matching row', () => {
  let app: ServiceHarness;
  let target: ReturnType<typeof fixedExportFolder>;

  beforeAll(async () => {
    target = fixedExportFolder();
    app = await exportingHarness(target.choose);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('writes the table field by field: octets past 2^32 and 2^53, names with commas, quotes, newlines, emoji', async () => {
    const started = await app.ok('export.start', { filter: everyone, scope: 'all' });
    expect(started).toMatchObject({ state: 'running', total: 13, fileName: 'sessions.csv' });
    const done = await exportOutcome(app, started.exportId);

    expect(done).toMatchObject({ state: 'finished', rows: 13, savedPath: target.path });
    expect(done.message).toMatch(/13 sessions written to sessions\.csv/);
    expect(filesIn(target.folder)).toEqual(['sessions.csv']);
    const { header, records } = exportedRecords(target.path);
    expect(header).toBe(csvHeaderLine);
    const expected = await tableRows(app, everyone);
    expect(records.map(fieldsOf)).toEqual(expected.map(asText));

    const big = records.find((record) => record[1] === 'user0@north' && record[12] !== '5')!;
    expect(big[csvColumns.findIndex((c) => c.header === 'download_bytes')]).toBe(
      '9007199254740993',
    );
    const names = records.map((record) => record[2]);
    for (const name of awkwardNames) expect(names).toContain(name);
    const service = records[0]![3];
    expect(service).toBe('Fiber 1G, "unlimited"');
    expect(records.every((record) => record.length === csvColumns.length)).toBe(true);
  });

  it('neutralises usernames a spreadsheet would run as formulas, reversibly', async () => {
    const started = await app.ok('export.start', { filter: everyone, scope: 'all' });
    await exportOutcome(app, started.exportId);
    const usernames = exportedRecords(target.path).records.map((record) => record[F.username]!);
    for (const user of formulaUsers) {
      expect(usernames).toContain(`'${user}`);
      expect(usernames.map(restoreCsvText)).toContain(user);
    }
    expect(usernames.filter((name) => /^[=+\-@\t\r]/.test(name))).toEqual([]);
  });

  it('exports the current page only: the same rows, same order as the table', async () => {
    const filter: SessionFilter = { ...everyone, status: 'online' };
    const sort = { column: 'username', direction: 'asc' } as const;
    const first = await app.ok('sessions.list', { filter, sort, pageSize: 4 });
    const second = await app.ok('sessions.list', {
      filter,
      sort,
      pageSize: 4,
      cursor: first.nextCursor,
    });
    const started = await app.ok('export.start', {
      filter,
      sort,
      scope: 'page',
      pageSize: 4,
      cursor: first.nextCursor,
    });
    expect(started.total).toBeNull();
    const done = await exportOutcome(app, started.exportId);

    expect(done).toMatchObject({ state: 'finished', rows: 4 });
    expect(exportedRecords(target.path).records.map(fieldsOf)).toEqual(second.rows.map(asText));
  });

  it('counts before "Export all"', async () => {
    expect(await app.ok('export.count', { filter: everyone })).toEqual({
      count: 13,
      exact: true,
      allowed: true,
      limit: 100_000,
    });
  });
});

describe('export under a reseller scope', () => {
  it("writes only the reseller's own sessions, whatever the filter", async () => {
    const target = fixedExportFolder();
    await installOperatorsTable(database.pool());
    const { role, profile } = await roles.create('north', [database]);
    await addOperator(database.pool(), role, { userType: 'reseller', resellerId: north });
    const app = await connectedHarness(
      database,
      { chooseExportPath: target.choose },
      'north',
      profile,
    );
    try {
      const started = await app.ok('export.start', { filter: everyone, scope: 'all' });
      const done = await exportOutcome(app, started.exportId);
      expect(done).toMatchObject({ state: 'finished', rows: 11 });
      const usernames = exportedRecords(target.path).records.map((record) =>
        restoreCsvText(record[F.username]!),
      );
      expect(usernames).not.toContain('bob@south');
      expect(usernames).not.toContain('orphan');
      expect(await app.ok('export.count', { filter: everyone })).toMatchObject({ count: 11 });
    } finally {
      await app.close();
    }
  });
});

describe('where the file cannot be written', () => {
  it('fails in words and leaves nothing behind', async () => {
    const target = fixedExportFolder();
    const missing = join(target.folder, 'no-such-folder', 'sessions.csv');
    const app = await exportingHarness(async () => ({ path: missing, downloadUrl: null }));
    try {
      const started = await app.ok('export.start', { filter: everyone, scope: 'all' });
      const done = await exportOutcome(app, started.exportId);
      expect(done.state).toBe('failed');
      expect(done.message).toMatch(/nothing was saved/);
      expect(done.message).toMatch(/the folder does not exist/);
      expect(existsSync(missing)).toBe(false);
      expect(filesIn(target.folder)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('says so when the operator chose no file', async () => {
    const app = await exportingHarness(async () => null);
    try {
      const started = await app.ok('export.start', { filter: everyone });
      expect(started).toMatchObject({ state: 'cancelled', rows: 0, fileName: '' });
      expect(started.message).toMatch(/No file was chosen/);
    } finally {
      await app.close();
    }
  });
});
