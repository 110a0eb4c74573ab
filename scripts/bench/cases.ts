import {
  defaultPageSize,
  sessionListInputSchema,
  type NasHealthDetail,
  type SessionPage,
  type SessionStats,
} from '@contract';
import { everything } from '../../src-main/operator-scope';
import type { OnlineEvents, RadiusDb } from '../../src-main/radius-db';
import type { Budget } from './budgets';

/** The case names the refresh cost line (report.ts) reads its figures from. */
export const refreshCase = 'refresh: page 1';
export const staleCountCase = 'stat row, stale counted (once a minute)';
/** What a case's name ends with when it ran again with the recommended indexes. */
export const indexedSuffix = ' +idx';

export interface BenchCase {
  name: string;
  budget: Budget;
  /** A substring search: measured again once the recommended indexes exist. */
  search: 'online' | 'history' | null;
  /** Not a search, but served by a recommended index too: measured again with them. */
  indexed?: true;
  call: () => Promise<unknown>;
}

const pageSize = 1000;
// The page an operator would reach by scrolling; capped by what the online set holds.
const deepPage = 50;
const onlinePageBudget: Budget = { kind: 'under', ms: 30, maxRatio: 3 };
// Subscriber 1 is u107919@isp.example (generate.sql): 'u1079' is a fragment that exists.
const usernameFragment = 'u1079';
// Third octet 1, 10-19 or 100-199 of 100.64.x.x: about 0.7% of sessions.
const ipFragment = '100.64.1';
// Subscriber 1's MAC is C4:CA:42:38:A0:B9 (md5 of '1'): typed in two other notations.
const macDashes = 'c4-ca-42-38';
const macCisco = 'c4ca.4238';
// One of 272 first/last name pairs: about 735 subscribers.
const fullName = 'Sara Karimi';
// The first history session's Acct-Session-Id (to_hex(0x81000000 + 1)).
const acctSessionId = '81000001';

const listInput = (search: string, status: 'online' | 'all', rows = pageSize) =>
  sessionListInputSchema.parse({ filter: { search, status, nasIp: null }, pageSize: rows });

/** Walks the online list with keyset cursors to the input of page `page` (1-based). */
async function inputOfPage(db: RadiusDb, page: number) {
  let input = listInput('', 'online');
  for (let at = 1; at < page; at += 1) {
    const { nextCursor } = await db.listSessions(input, everything);
    if (!nextCursor) throw new Error(`The online list ended before page ${page}.`);
    input = { ...input, cursor: nextCursor };
  }
  return input;
}

// What the NAS health reads ask for (service/nas-health-reads.ts): the stat row's 24 h of
// minute buckets with the default 5-minute window before it, and the 7-day chart.
const healthDay = { seconds: 86_400 + 300, bucketSeconds: 60 };
const healthWeek = { seconds: 7 * 86_400 + 600, bucketSeconds: 600 };
// bng-south-01 in generate.sql: about a tenth of the sessions.
const benchNas = '127.0.10.5';

/**
 * The NAS health reads: the 24 h span behind the stat row's sparklines and alerts (online
 * now per NAS and the starts and stops of every minute), the 7-day chart, one NAS's page,
 * and the stops of one drop. Each is read at most once a minute (service/nas-health-reads),
 * so they have no per-refresh budget: they are printed for reference.
 */
export function healthCases(db: RadiusDb, label = ''): BenchCase[] {
  const name = (text: string) => (label ? `${text} ${label}` : text);
  const now = Date.now() / 1000;
  // The stat row is what each refresh costs (the span is read once a minute): with the
  // stop-time index too, to show the index does not slow it.
  const refresh: BenchCase[] = label
    ? [
        {
          name: name('stat row'),
          budget: { kind: 'under', ms: 50 },
          search: null,
          call: () => db.stats(everything),
        },
      ]
    : [];
  return [
    ...refresh,
    {
      name: name('NAS health: 24 h span (1-min buckets)'),
      budget: { kind: 'none' },
      search: null,
      call: () => db.onlineEvents(healthDay, everything),
    },
    {
      name: name('NAS health: 7-day chart (10-min buckets)'),
      budget: { kind: 'none' },
      search: null,
      call: () => db.onlineEvents(healthWeek, everything),
    },
    {
      name: name('NAS health: one NAS (causes, stale, Accounting-On)'),
      budget: { kind: 'none' },
      search: null,
      call: () => db.nasHealth(benchNas, everything),
    },
    {
      name: name('NAS health: stops of a 10-min drop'),
      budget: { kind: 'none' },
      search: null,
      call: () =>
        db.stopsInWindows([{ nasIp: benchNas, from: now - 1800, to: now - 1200 }], everything),
    },
  ];
}

export async function benchCases(
  db: RadiusDb,
  onlineRows: number,
  timeoutMs: number,
): Promise<BenchCase[]> {
  const depth = Math.max(2, Math.min(deepPage, Math.floor(onlineRows / pageSize)));
  const deepInput = await inputOfPage(db, depth);
  const list = (input: ReturnType<typeof listInput>) => () => db.listSessions(input, everything);
  // A search answers with the page the operator has open: the default one is judged, the
  // largest one is printed beside it.
  const search = (text: string, status: 'online' | 'all', rows = defaultPageSize): BenchCase => ({
    name: `${status === 'online' ? 'online' : 'history'} search '${text}' (${rows} rows)`,
    budget:
      rows !== defaultPageSize
        ? { kind: 'none' }
        : status === 'online'
          ? { kind: 'under', ms: 20 }
          : { kind: 'cut-off-cleanly', timeoutMs },
    search: status === 'online' ? 'online' : 'history',
    call: list(listInput(text, status, rows)),
  });
  return [
    {
      name: `online page 1 (${pageSize} rows)`,
      budget: onlinePageBudget,
      search: null,
      call: list(listInput('', 'online')),
    },
    {
      name: `online page ${depth} (keyset)`,
      budget: onlinePageBudget,
      search: null,
      call: list(deepInput),
    },
    {
      // Between its once-a-minute stale counts the stat row passes the last one on.
      name: 'stat row',
      budget: { kind: 'under', ms: 50 },
      search: null,
      indexed: true,
      call: () => db.stats(everything),
    },
    {
      name: staleCountCase,
      budget: { kind: 'none' },
      search: null,
      call: () => db.stats(everything, { countStale: true }),
    },
    {
      // What one refresh of the Sessions page asks at once, at the page size it opens with:
      // psql's figure is its database time.
      name: `${refreshCase} (${defaultPageSize} rows) + count + stat row`,
      // Judged on what the refresh costs the server (psql), not on the app's own time.
      budget: { kind: 'database', ms: 12 },
      search: null,
      indexed: true,
      call: () =>
        Promise.all([
          db.listSessions(listInput('', 'online', defaultPageSize), everything),
          db.stats(everything),
        ]),
    },
    {
      name: `refresh at the largest page (${pageSize} rows) + count + stat row`,
      budget: { kind: 'none' },
      search: null,
      indexed: true,
      call: () =>
        Promise.all([db.listSessions(listInput('', 'online'), everything), db.stats(everything)]),
    },
    ...healthCases(db),
    search(ipFragment, 'online'),
    search(usernameFragment, 'online'),
    search(macDashes, 'online'),
    search(fullName, 'online'),
    search(usernameFragment, 'all'),
    search(ipFragment, 'all'),
    search(macCisco, 'all'),
    search(fullName, 'all'),
    search(acctSessionId, 'all'),
    search(ipFragment, 'online', pageSize),
    search(fullName, 'online', pageSize),
    search(ipFragment, 'all', pageSize),
    search(fullName, 'all', pageSize),
  ];
}

/**
 * The case again with the recommended indexes (trigram and b-tree) in place: history search
 * then has a time budget of its own.
 */
export function withIndexBudget(benchCase: BenchCase): BenchCase {
  if (benchCase.search !== 'history' || benchCase.budget.kind === 'none') {
    return { ...benchCase, name: `${benchCase.name}${indexedSuffix}` };
  }
  return {
    ...benchCase,
    name: `${benchCase.name}${indexedSuffix}`,
    budget: { kind: 'under', ms: 300 },
  };
}

/** What the call returned, in a few words: rows of a page and its count, or the stat row. */
export function resultSummary(result: unknown): string {
  const page = result as Partial<SessionPage> | null;
  if (page?.rows && page.matches) {
    const plus = page.matches.kind === 'atLeast' ? '+' : '';
    return `${page.rows.length} of ${page.matches.count}${plus}`;
  }
  const events = result as Partial<OnlineEvents> | null;
  if (events?.perNas && events.lastBucket !== undefined && events.firstBucket !== undefined) {
    const buckets = events.perNas.reduce((sum, nas) => sum + nas.starts.size + nas.stops.size, 0);
    return `${events.perNas.length} NAS, ${buckets} bucket counts`;
  }
  const stats = result as Partial<SessionStats> | null;
  if (stats?.perNas) return `${stats.online} on ${stats.perNas.length} NAS`;
  const detail = result as Partial<NasHealthDetail> | null;
  if (detail?.causes) return `${detail.online} online, ${detail.stale} stale`;
  return '';
}
