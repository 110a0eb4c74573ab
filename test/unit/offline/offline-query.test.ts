import { describe, expect, it } from 'vitest';
import { F, type SessionFilter, type SessionRow, type SessionSort } from '@contract';
import { compareExports } from '../../../src-renderer/src/lib/offline/compare-exports';
import { OfflineSessions } from '../../../src-renderer/src/lib/offline/offline-sessions';
import {
  offlineNasEntries,
  offlineStats,
} from '../../../src-renderer/src/lib/offline/offline-stats';

interface Seed {
  id: number;
  username?: string;
  nas?: string;
  nasName?: string | null;
  ip?: string | null;
  mac?: string | null;
  start?: string | null;
  stop?: string | null;
  seconds?: number | null;
  download?: string | null;
  delegated?: string | null;
}

function session(seed: Seed): SessionRow {
  return [
    String(seed.id),
    seed.username ?? `user${seed.id}`,
    null,
    null,
    seed.nas ?? '127.0.10.1',
    seed.nasName === undefined ? null : seed.nasName,
    seed.ip === undefined ? `100.64.0.${seed.id}` : seed.ip,
    seed.mac === undefined ? null : seed.mac,
    `s${seed.id}`,
    seed.start === undefined ? '2026-11-21T08:00:00Z' : seed.start,
    seed.stop ?? null,
    seed.seconds === undefined ? 60 : seed.seconds,
    seed.download === undefined ? '0' : seed.download,
    null,
    null,
    null,
    null,
    null,
    seed.delegated ?? null,
    null,
  ];
}

const all: SessionFilter = { search: '', status: 'all', nasIp: null };
const byId: SessionSort = { column: 'startTime', direction: 'desc' };

const ids = (rows: readonly SessionRow[]): string[] => rows.map((row) => row[F.id]);

describe('offline query engine', () => {
  const rows = [
    session({ id: 1, username: 'Alice@Fiber', mac: 'AA:BB:CC:00:00:01', nas: '127.0.10.2' }),
    session({ id: 2, username: 'bob', ip: '100.99.7.42', stop: '2026-11-21T09:00:00Z' }),
    session({ id: 3, username: 'carol', ip: null, mac: 'de:ad:be:ef:00:03' }),
    session({ id: 4, username: 'dave', ip: '100.64.0.10', start: null, seconds: null }),
  ];
  const file = new OfflineSessions(rows, '2026-11-21T09:30:00Z');

  it('searches username, framed IP and MAC as a case-insensitive substring', () => {
    expect(ids(file.matching({ ...all, search: 'alice@f' }, byId))).toEqual(['1']);
    expect(ids(file.matching({ ...all, search: '99.7' }, byId))).toEqual(['2']);
    expect(ids(file.matching({ ...all, search: 'DE:AD' }, byId))).toEqual(['3']);
    expect(ids(file.matching({ ...all, search: 'nobody' }, byId))).toEqual([]);
  });

  it('filters by status (stop time) and NAS', () => {
    expect(ids(file.matching({ ...all, status: 'online' }, byId)).sort()).toEqual(['1', '3', '4']);
    expect(ids(file.matching({ ...all, status: 'offline' }, byId))).toEqual(['2']);
    expect(ids(file.matching({ ...all, nasIp: '127.0.10.2' }, byId))).toEqual(['1']);
  });

  it('sorts framed IPs by address and puts NULLs last in both directions', () => {
    const asc = file.matching(all, { column: 'framedIp', direction: 'asc' });
    expect(ids(asc)).toEqual(['1', '4', '2', '3']);
    const desc = file.matching(all, { column: 'framedIp', direction: 'desc' });
    expect(ids(desc)).toEqual(['2', '4', '1', '3']);
    expect(ids(file.matching(all, { column: 'duration', direction: 'asc' })).at(-1)).toBe('4');
    expect(ids(file.matching(all, { column: 'startTime', direction: 'asc' })).at(-1)).toBe('4');
  });

  it('compares octets exactly past 2^53', () => {
    const big = new OfflineSessions(
      [
        session({ id: 1, download: '9007199254740993' }),
        session({ id: 2, download: '9007199254740992' }),
        session({ id: 3, download: '18446744073709551615' }),
        session({ id: 4, download: '999' }),
        session({ id: 5, download: null }),
      ],
      null,
    );
    expect(ids(big.matching(all, { column: 'download', direction: 'desc' }))).toEqual([
      '3',
      '1',
      '2',
      '4',
      '5',
    ]);
    expect(ids(big.matching(all, { column: 'download', direction: 'asc' }))).toEqual([
      '4',
      '2',
      '1',
      '3',
      '5',
    ]);
  });

  it('orders times by instant whatever their offset, ties by radacct id', () => {
    const times = new OfflineSessions(
      [
        // 08:00 UTC: the earliest of the four.
        session({ id: 9, start: '2026-11-21T10:00:00+02:00' }),
        session({ id: 10, start: '2026-11-21T09:00:00Z' }),
        session({ id: 11, start: '2026-11-21T08:30:00Z' }),
        session({ id: 2, start: '2026-11-21T08:30:00Z' }),
      ],
      null,
    );
    expect(ids(times.matching(all, { column: 'startTime', direction: 'asc' }))).toEqual([
      '9',
      '2',
      '11',
      '10',
    ]);
  });

  it('pages through the matches with an offset cursor and an exact count', async () => {
    const many = new OfflineSessions(
      Array.from({ length: 250 }, (_, i) => session({ id: i + 1 })),
      '2026-11-21T09:30:00Z',
    );
    const input = {
      filter: all,
      sort: { column: 'username', direction: 'asc' },
      pageSize: 100,
    } as const;
    const first = await many.list({ ...input, cursor: null });
    if (!first.ok) throw new Error('refused');
    expect(first.data.rows).toHaveLength(100);
    expect(first.data.matches).toEqual({ kind: 'exact', count: 250 });
    const third = await many.list({ ...input, cursor: { value: null, id: '200' } });
    if (!third.ok) throw new Error('refused');
    expect(third.data.rows).toHaveLength(50);
    expect(third.data.nextCursor).toBeNull();
    expect(many.searchHint()).toBeNull();
  });

  it('counts sessions online per NAS, by name, and lists every NAS of the file', () => {
    const stats = offlineStats(
      [
        session({ id: 1, nas: '127.0.10.1', nasName: 'bng-north' }),
        session({ id: 2, nas: '127.0.10.2', nasName: 'bng-south' }),
        session({ id: 3, nas: '127.0.10.2', nasName: 'bng-south' }),
        session({ id: 4, nas: '127.0.10.3', stop: '2026-11-21T09:00:00Z' }),
      ],
      '2026-11-21T09:30:00Z',
    );
    expect(stats.online).toBe(3);
    // By name, never by count: the busier bng-south stays after bng-north.
    expect(stats.perNas).toEqual([
      { nasIp: '127.0.10.1', nasName: 'bng-north', online: 1 },
      { nasIp: '127.0.10.2', nasName: 'bng-south', online: 2 },
    ]);
    expect(
      offlineNasEntries([
        session({ id: 1, nas: '127.0.10.3' }),
        session({ id: 2, nas: '127.0.10.1', nasName: 'bng-north' }),
      ]),
    ).toEqual([
      { nasIp: '127.0.10.1', name: 'bng-north' },
      { nasIp: '127.0.10.3', name: null },
    ]);
  });
});

describe('comparing two exports', () => {
  it('lists who appeared, who dropped and who moved NAS or IP, by username of online sessions', () => {
    const before = [
      session({ id: 1, username: 'stays' }),
      session({ id: 2, username: 'drops' }),
      session({ id: 3, username: 'moves-nas', nas: '127.0.10.1' }),
      session({ id: 4, username: 'moves-ip', ip: '100.64.1.1' }),
      session({ id: 5, username: 'ended-before', stop: '2026-11-21T08:10:00Z' }),
    ];
    const after = [
      // Reconnected (new radacct id and session id), same place: not a change.
      session({ id: 11, username: 'stays', ip: '100.64.0.1' }),
      session({ id: 13, username: 'moves-nas', nas: '127.0.10.2', ip: '100.64.0.3' }),
      session({ id: 14, username: 'moves-ip', ip: '100.64.1.2' }),
      session({ id: 15, username: 'ended-before' }),
      session({ id: 16, username: 'drops', stop: '2026-11-21T09:10:00Z' }),
    ];
    const result = compareExports(before, after);
    expect(result.appeared.map((c) => c.username)).toEqual(['ended-before']);
    expect(result.dropped.map((c) => c.username)).toEqual(['drops']);
    expect(result.moved.map((c) => c.username)).toEqual(['moves-ip', 'moves-nas']);
    expect(result.onlineBefore).toBe(4);
    expect(result.onlineAfter).toBe(4);
  });

  it('finds an IPv6 prefix by a fragment of its text, and by an address it holds', () => {
    const v6 = new OfflineSessions(
      [
        session({ id: 1, delegated: '2001:db8:aa10:100::/56' }),
        session({ id: 2, delegated: '2001:db8:aa20:100::/56' }),
      ],
      '2026-11-21T09:30:00Z',
    );
    expect(ids(v6.matching({ ...all, search: '2001:DB8:AA10' }, byId))).toEqual(['1']);
    // A whole address, in full notation, inside one /56 only.
    const inside = '2001:0db8:aa10:01ab:0000:0000:0000:0001';
    expect(ids(v6.matching({ ...all, search: inside }, byId))).toEqual(['1']);
    expect(ids(v6.matching({ ...all, search: '2001:db8:aa30::1' }, byId))).toEqual([]);
  });

  it('compares IPv6 prefixes only when both exports carry them', () => {
    const old = [
      session({ id: 1, username: 'a', ip: '100.64.9.1' }),
      session({ id: 2, username: 'b', ip: '100.64.9.2' }),
    ];
    const dual = [
      session({ id: 3, username: 'a', ip: '100.64.9.1', delegated: '2001:db8:aa10:100::/56' }),
      session({ id: 4, username: 'b', ip: '100.64.9.2', delegated: '2001:db8:aa10:200::/56' }),
    ];
    const renumbered = [
      dual[0]!,
      session({ id: 5, username: 'b', ip: '100.64.9.2', delegated: '2001:db8:aa10:f00::/56' }),
    ];
    // A file from before dual-stack against one after: nobody moved.
    expect(compareExports(old, dual).moved).toEqual([]);
    expect(compareExports(dual, renumbered).moved.map((c) => c.username)).toEqual(['b']);
  });
});
