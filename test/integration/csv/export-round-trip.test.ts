import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionFilter, SessionRow } from '@contract';
import { readSessionCsv } from '../../../src-renderer/src/lib/csv/session-csv-reader';
import { compareExports } from '../../../src-renderer/src/lib/offline/compare-exports';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { exportOutcome, fixedExportFolder } from '../../support/export-helpers';
import { addNasDevice, addSubscriber, insertSessions, offline, online } from '../../support/seed';
import { draftFor, openServiceHarness, type ServiceHarness } from '../../support/service-harness';

// The two users of the app meet here: what the operator exports from a real PostgreSQL is
// what the reviewer reads back offline, field for field, with no database.
let database: TestDatabase;
let app: ServiceHarness;
const everyone: SessionFilter = { search: '', status: 'all', nasIp: null };

const people = [
  { username: 'smith@north', fullName: 'Smith, John' },
  { username: 'boss@north', fullName: 'The "Boss" Jones' },
  { username: 'lines@north', fullName: 'Line one\r\nline two\nthree' },
  { username: 'zoe@north', fullName: 'Zoë 🚀 Nakamura' },
  { username: '=HYPERLINK("http://x")', fullName: '@SUM(A1)' },
  { username: "'=already", fullName: '-2+3' },
];

beforeAll(async () => {
  database = await createTestDatabase({ schema: 'stock+panel' });
  const pool = database.pool();
  await addNasDevice(pool, 'bng-north, rack 2', '10.0.0.1');
  for (const person of people) await addSubscriber(pool, person);
  await insertSessions(pool, [
    ...people.map((person, i) =>
      online({
        username: person.username,
        ip: `100.64.1.${i + 1}`,
        mac: `AA:BB:CC:00:00:0${i}`,
        start: `2026-11-21T08:0${i}:00.25Z`,
        update: '2026-11-21T08:30:00Z',
        sessionTime: 3600 + i,
        download: i === 0 ? '9223372036854775807' : String(2 ** 32 + i),
        upload: String(2 ** 33 + 7),
        // Dual-stack, but not all: the last one is IPv4-only.
        ipv6: i === 1 ? '2001:db8:bb10:100::1' : null,
        wanPrefix: i === 5 ? null : `2001:db8:bb10:${i + 1}00::/64`,
        delegatedPrefix: i === 5 ? null : `2001:db8:aa10:${i + 1}00::/56`,
      }),
    ),
    offline({ username: 'smith@north', terminateCause: 'Lost-Carrier', download: 5 }),
    online({ username: 'orphan', nas: '10.0.0.2', ip: null, mac: null, download: null }),
  ]);
  app = openServiceHarness(undefined, { chooseExportPath: fixedExportFolder().choose });
  const profile = await app.ok('profiles.save', draftFor(database.profile, 'round trip'));
  await app.ok('profiles.connect', { id: profile.id });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

async function exportTo(filter: SessionFilter, name: string): Promise<string> {
  const target = fixedExportFolder(name);
  const exporting = openServiceHarness(app.dataFolder, { chooseExportPath: target.choose });
  try {
    await exporting.ok('profiles.connect', {
      id: (await exporting.ok('profiles.list', {}))[0]!.id,
    });
    const started = await exporting.ok('export.start', { filter, scope: 'all' });
    const done = await exportOutcome(exporting, started.exportId);
    expect(done.state).toBe('finished');
    return target.path;
  } finally {
    await exporting.close();
  }
}

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('export, then offline review of the same file', () => {
  it('reads back every session equal, field for field', async () => {
    const path = await exportTo(everyone, 'all.csv');
    const table: SessionRow[] = (
      await app.ok('sessions.list', { filter: everyone, pageSize: 1000 })
    ).rows;

    // Cut into awkward pieces: a record, a quoted field or an emoji split across chunks.
    const exported = await readSessionCsv(chunksOf(readFileSync(path), 7));

    expect(exported.rows).toHaveLength(table.length);
    expect(exported.rows).toEqual(table);
    expect(exported.exportedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('compares two exports: who dropped between them', async () => {
    const before = await readSessionCsv(
      chunksOf(readFileSync(await exportTo({ ...everyone, status: 'online' }, 'before.csv')), 4096),
    );
    await database
      .pool()
      .query("UPDATE radacct SET acctstoptime = now() WHERE username = 'zoe@north'");
    const after = await readSessionCsv(
      chunksOf(readFileSync(await exportTo({ ...everyone, status: 'online' }, 'after.csv')), 4096),
    );

    const changes = compareExports(before.rows, after.rows);

    expect(changes.dropped.map((change) => change.username)).toEqual(['zoe@north']);
    expect(changes.appeared).toEqual([]);
    expect(changes.moved).toEqual([]);
  });

  it('carries the IPv6 columns, and compares a changed delegated prefix as moved', async () => {
    const beforePath = await exportTo({ ...everyone, status: 'online' }, 'v6a.csv');
    const before = await readSessionCsv(chunksOf(readFileSync(beforePath), 4096));
    const header = readFileSync(beforePath, 'utf8').split('\r\n')[0];
    expect(header).toContain('framed_ipv6_prefix,delegated_ipv6_prefix');
    await database
      .pool()
      .query(
        "UPDATE radacct SET delegatedipv6prefix = '2001:db8:aa10:f00::/56' WHERE username = 'smith@north'",
      );
    const after = await readSessionCsv(
      chunksOf(readFileSync(await exportTo({ ...everyone, status: 'online' }, 'v6b.csv')), 4096),
    );
    const smith = after.rows.find((row) => row[1] === 'smith@north');
    expect(smith?.slice(16)).toEqual([
      null,
      '2001:db8:bb10:100::/64',
      '2001:db8:aa10:f00::/56',
      null,
    ]);
    expect(compareExports(before.rows, after.rows).moved.map((c) => c.username)).toEqual([
      'smith@north',
    ]);
  });
});
