// Real PostgreSQL roles, each connected through the real service as a NOC operator would:
// every read the Sessions and Subscriber pages make shows exactly the sessions of the
// operator's tree, computed here apart from the app; with the optional row-level security
// installed the app reads the same.
import { readFileSync } from 'node:fs';
import {
  F,
  type OperatorIdentity,
  type Permission,
  type SessionFilter,
  type SessionPage,
} from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbProfile } from '../../../src-main/radius-db';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { exportOutcome, fixedExportFolder, parseCsv } from '../../support/export-helpers';
import {
  addOperator,
  installOperatorsTable,
  installRowSecurity,
  operatorRoles,
  type OperatorRow,
} from '../../support/operator-roles';
import {
  idleNas,
  seedResellerTree,
  sessionsOfTree,
  sizeOfTree,
  treeNas,
  type ExpectedSession,
  type ResellerTreeSeed,
} from '../../support/reseller-tree';
import {
  connectedHarness,
  draftFor,
  openServiceHarness,
  type ServiceHarness,
} from '../../support/service-harness';

const roles = operatorRoles();
afterAll(() => roles.drop());

const every: Permission[] = [
  'sessions.view',
  'sessions.view_all',
  'subscribers.disconnect',
  'sessions.cleanup',
];

interface OperatorCase {
  label: string;
  row: (tree: ResellerTreeSeed['resellers']) => OperatorRow;
  /** Whose tree it sees; null: every session. */
  sees: keyof ResellerTreeSeed['resellers'] | null;
  permissions: Permission[];
}

const cases: OperatorCase[] = [
  { label: 'admin', row: () => ({ userType: 'admin' }), sees: null, permissions: every },
  {
    label: 'reseller',
    row: (tree) => ({ userType: 'reseller', resellerId: tree.north }),
    sees: 'north',
    permissions: ['sessions.view', 'subscribers.disconnect'],
  },
  {
    label: 'support',
    row: (tree) => ({ userType: 'support', resellerId: tree.northEast }),
    sees: 'northEast',
    permissions: ['sessions.view', 'subscribers.disconnect'],
  },
  {
    label: 'read-only',
    row: (tree) => ({ userType: 'read-only', resellerId: tree.south }),
    sees: 'south',
    permissions: ['sessions.view'],
  },
  {
    label: 'collector with sessions.view_all',
    row: (tree) => ({
      userType: 'collector',
      resellerId: tree.south,
      permissions: ['sessions.view', 'sessions.view_all'],
    }),
    sees: null,
    permissions: ['sessions.view', 'sessions.view_all'],
  },
];

const allStatuses: SessionFilter = { search: '', status: 'all', nasIp: null };
const onlineOnly: SessionFilter = { search: '', status: 'online', nasIp: null };

/** Every row id the table lists for a filter, walking every page. */
async function listedIds(app: ServiceHarness, filter: SessionFilter): Promise<string[]> {
  const ids: string[] = [];
  let cursor: SessionPage['nextCursor'] = null;
  for (;;) {
    const page: SessionPage = await app.ok('sessions.list', { filter, pageSize: 3, cursor });
    ids.push(...page.rows.map((row) => row[F.id]));
    if (!page.nextCursor) return ids.sort(byNumber);
    cursor = page.nextCursor;
  }
}

const byNumber = (a: string, b: string) => Number(a) - Number(b);
const idsOf = (sessions: ExpectedSession[]) => sessions.map((session) => session.id);

async function connectAs(database: TestDatabase, profile: DbProfile, name: string) {
  const options = { chooseExportPath: fixedExportFolder().choose };
  const app = await connectedHarness(database, options, name, profile);
  return { app, state: await app.ok('connection.status', {}) };
}

describe.each([
  { rowSecurity: false, mode: 'in the app only' },
  { rowSecurity: true, mode: 'with the row-level security policies installed too' },
])('each operator sees exactly its tree, $mode', ({ rowSecurity }) => {
  let database: TestDatabase;
  let seed: ResellerTreeSeed;
  const apps = new Map<string, { app: ServiceHarness; identity: OperatorIdentity }>();

  beforeAll(async () => {
    database = await createTestDatabase({ schema: 'stock+panel' });
    const pool = database.pool();
    seed = await seedResellerTree(pool);
    await installOperatorsTable(pool);
    if (rowSecurity) await installRowSecurity(pool);
    for (const operator of cases) {
      const { role, profile } = await roles.create(
        `${rowSecurity ? 'rls' : 'app'}_${operator.label}`,
        [database],
      );
      await addOperator(pool, role, operator.row(seed.resellers));
      const { app, state } = await connectAs(database, profile, operator.label);
      if (state.kind !== 'connected') throw new Error(`${operator.label} did not connect`);
      apps.set(operator.label, { app, identity: state.operator });
    }
  });
  afterAll(async () => {
    for (const { app } of apps.values()) await app.close();
    await database?.drop();
  });

  const expected = (operator: OperatorCase) =>
    sessionsOfTree(database.pool(), operator.sees === null ? null : seed.resellers[operator.sees]);
  const appOf = (operator: OperatorCase) => apps.get(operator.label)!.app;

  describe.each(cases)('$label', (operator) => {
    it('is told who it is at connect: user type, reseller and tree size, permissions', async () => {
      const { identity } = apps.get(operator.label)!;
      expect(identity).toMatchObject({
        kind: 'listed',
        userType: operator.row(seed.resellers).userType,
      });
      expect([...identity.permissions].sort()).toEqual([...operator.permissions].sort());
      if (identity.kind !== 'listed') return;
      expect(identity.sees).toBe(operator.sees === null ? 'everything' : 'reseller-tree');
      const resellerId = operator.row(seed.resellers).resellerId ?? null;
      if (resellerId === null) {
        expect(identity.reseller).toBeNull();
      } else {
        expect(identity.reseller).toEqual({
          id: resellerId,
          name: expect.any(String),
          size: await sizeOfTree(database.pool(), resellerId),
        });
      }
    });

    it('lists, searches and counts exactly its sessions; the stat row and NAS list follow', async () => {
      const app = appOf(operator);
      const sessions = await expected(operator);
      const online = sessions.filter((session) => session.online);
      expect(await listedIds(app, allStatuses)).toEqual(idsOf(sessions));
      expect(await listedIds(app, onlineOnly)).toEqual(idsOf(online));
      expect(await listedIds(app, { ...allStatuses, search: 'e1@' })).toEqual(
        idsOf(sessions.filter((session) => session.username.includes('e1@'))),
      );
      expect(await listedIds(app, { ...allStatuses, search: '100.64.9.' })).toEqual(idsOf(online));
      const page = await app.ok('sessions.list', { filter: onlineOnly, pageSize: 1000 });
      expect(page.matches).toEqual({ kind: 'exact', count: online.length });

      const stats = await app.ok('sessions.stats', {});
      expect(stats.online).toBe(online.length);
      const perNas = new Map<string, number>();
      for (const session of online) perNas.set(session.nas, (perNas.get(session.nas) ?? 0) + 1);
      // Every NAS of the directory keeps its pill at 0 for whoever sees all sessions; a scoped
      // operator's pills are the NAS its own sessions are on, like its NAS list.
      const pills = new Map(perNas);
      if (operator.sees === null) {
        for (const nasIp of [...treeNas, idleNas]) pills.set(nasIp, pills.get(nasIp) ?? 0);
      }
      expect(new Map(stats.perNas.map((pill) => [pill.nasIp, pill.online]))).toEqual(pills);

      const nas = (await app.ok('nas.list', {})).map((entry) => entry.nasIp).sort();
      expect(nas).toEqual(
        operator.sees === null ? [...treeNas, idleNas].sort() : [...perNas.keys()].sort(),
      );
    });

    it('exports exactly its sessions', async () => {
      const app = appOf(operator);
      const started = await app.ok('export.start', { filter: allStatuses, scope: 'all' });
      const finished = await exportOutcome(app, started.exportId);
      expect(finished.state).toBe('finished');
      const [, ...records] = parseCsv(readFileSync(finished.savedPath!, 'utf8'));
      expect(records.map((record) => record[0]!).sort(byNumber)).toEqual(
        idsOf(await expected(operator)),
      );
      expect(await app.ok('export.count', { filter: allStatuses })).toMatchObject({
        count: (await expected(operator)).length,
      });
    });

    it('opens its subscribers; one outside reads exactly like one that does not exist', async () => {
      const app = appOf(operator);
      const visible = new Set((await expected(operator)).map((session) => session.username));
      const nowhere = await app.call('subscribers.detail', { username: 'nobody@isp' });
      for (const username of seed.usernames) {
        const detail = await app.call('subscribers.detail', { username });
        if (visible.has(username)) {
          expect(detail.ok, username).toBe(true);
          continue;
        }
        expect(detail, username).toEqual(
          JSON.parse(JSON.stringify(nowhere).replaceAll('nobody@isp', username)),
        );
      }
    });

    it('finds who had an address only among its sessions', async () => {
      const app = appOf(operator);
      const visible = new Set(idsOf(await expected(operator)));
      for (const session of await sessionsOfTree(database.pool(), null)) {
        if (!session.online || session.ip === null) continue;
        const found = await app.ok('subscribers.whoHad', {
          address: session.ip,
          at: '2026-11-21T09:00:00Z',
        });
        expect(
          found.sessions.map((row) => row[F.id]),
          session.username,
        ).toEqual(visible.has(session.id) ? [session.id] : []);
      }
    });

    it('takes only its own sessions into a bulk selection, and finds no other session to act on', async () => {
      const app = appOf(operator);
      const sessions = await expected(operator);
      const everyOnline = (await sessionsOfTree(database.pool(), null)).filter((s) => s.online);
      const outside = everyOnline.find((session) => !idsOf(sessions).includes(session.id));
      if (outside) {
        const ping = await app.call('subscribers.ping', { radacctId: outside.id });
        expect(ping).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        if (!ping.ok) expect(ping.error.message).not.toContain(outside.username);
      }
      const preview = await app.call('disconnect.preview', {
        selection: { kind: 'sessions', radacctIds: idsOf(everyOnline) },
      });
      if (!operator.permissions.includes('subscribers.disconnect')) {
        expect(preview).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        return;
      }
      expect(preview).toMatchObject({
        ok: true,
        data: { count: sessions.filter((session) => session.online).length },
      });
      if (outside) {
        const disconnect = await app.call('nas.disconnect', { radacctId: outside.id });
        expect(disconnect).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
    });
  });
});

describe('operators the table gives nothing, or that cannot be scoped', () => {
  let panel: TestDatabase;
  let stock: TestDatabase;
  let withoutTable: TestDatabase;
  const opened: ServiceHarness[] = [];

  beforeAll(async () => {
    [panel, stock, withoutTable] = await Promise.all([
      createTestDatabase({ schema: 'stock+panel' }),
      createTestDatabase({ schema: 'stock' }),
      createTestDatabase({ schema: 'stock+panel' }),
    ]);
    await seedResellerTree(panel.pool());
    await seedResellerTree(withoutTable.pool());
    await installOperatorsTable(panel.pool());
    await installOperatorsTable(stock.pool());
  });
  afterAll(async () => {
    for (const app of opened) await app.close();
    await Promise.all([panel?.drop(), stock?.drop(), withoutTable?.drop()]);
  });

  const connect = async (database: TestDatabase, profile: DbProfile, name: string) => {
    const connected = await connectAs(database, profile, name);
    opened.push(connected.app);
    return connected;
  };

  it('a role with no row may do nothing: every read is refused naming sessions.view', async () => {
    const { role, profile } = await roles.create('norow', [panel]);
    const { app, state } = await connect(panel, profile, 'no row');
    expect(state).toMatchObject({ kind: 'connected', operator: { kind: 'not-listed', role } });
    for (const [method, input] of [
      ['sessions.list', { filter: allStatuses }],
      ['sessions.stats', {}],
      ['nas.list', {}],
      ['subscribers.detail', { username: 'north1@isp' }],
      ['export.count', { filter: allStatuses }],
      ['audit.list', {}],
    ] as const) {
      const result = await app.call(method, input as never);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (!result.ok) {
        expect(result.error.message).toContain('sessions.view');
        expect(result.error.message).toContain(role);
        expect(result.error.message).toContain('session_desk.operators');
      }
    }
    const test = await app.ok('profiles.test', draftFor(profile, 'no row'));
    expect(test).toMatchObject({ operator: { kind: 'not-listed' }, online: null });
  });

  it('without the operators table a role administers its own database: every session', async () => {
    const { role, profile } = await roles.create('owner', [withoutTable]);
    const { app, state } = await connect(withoutTable, profile, 'no table');
    expect(state).toMatchObject({
      kind: 'connected',
      operator: { kind: 'database-owner', role, permissions: every },
    });
    expect(await listedIds(app, allStatuses)).toEqual(
      idsOf(await sessionsOfTree(withoutTable.pool(), null)),
    );
  });

  it('a reseller on a database without panel tables is refused, never shown everything', async () => {
    const { role, profile } = await roles.create('stockreseller', [stock]);
    await addOperator(stock.pool(), role, { userType: 'reseller', resellerId: 2 });
    const { app, state } = await connect(stock, profile, 'stock reseller');
    expect(state).toMatchObject({
      kind: 'connected',
      operator: { kind: 'listed', sees: 'reseller-tree', reseller: { id: 2, size: null } },
    });
    for (const [method, input] of [
      ['sessions.list', { filter: allStatuses }],
      ['sessions.stats', {}],
      ['nas.list', {}],
      ['export.count', { filter: allStatuses }],
    ] as const) {
      const result = await app.call(method, input as never);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (!result.ok) expect(result.error.message).toMatch(/no reseller tables/);
    }
    const test = await app.ok('profiles.test', draftFor(profile, 'stock'));
    expect(test).toMatchObject({ operator: { kind: 'listed' }, online: null });
  });

  it('reports who the role is on Test connection, before any connect', async () => {
    const { role, profile } = await roles.create('tested', [panel]);
    await addOperator(panel.pool(), role, { userType: 'reseller', resellerId: 2 });
    const app = openServiceHarness();
    opened.push(app);
    const report = await app.ok('profiles.test', draftFor(profile, 'tested'));
    expect(report.operator).toMatchObject({
      kind: 'listed',
      role,
      userType: 'reseller',
      reseller: { id: 2, name: 'North Fiber' },
    });
    expect(report.online).toBe(
      (await sessionsOfTree(panel.pool(), 2)).filter((session) => session.online).length,
    );
  });
});
