import type { AuditListInput } from '@contract';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../src-main/local-store';
import { auditEntry, profileDraft, useStoreFolder } from './fixtures';

const folder = useStoreFolder();
const open = () => openLocalStore(folder.file, folder.sealer);
const firstPage: AuditListInput = {
  limit: 200,
  beforeId: null,
  runId: null,
  result: null,
  nasIp: null,
};

describe('audit log', () => {
  it('records an entry and gives it back with its id', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const entry = auditEntry({ path: null, result: 'failed', detail: 'NAS unreachable' });
    const recorded = store.audit.record(core.id, entry);
    expect(recorded).toEqual({ ...entry, id: recorded.id });
    expect(store.audit.list(core.id, firstPage)).toEqual([recorded]);
    store.close();
  });

  it('lists newest first and pages by beforeId without gap or repeat', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const ids = Array.from(
      { length: 7 },
      (_, n) => store.audit.record(core.id, auditEntry({ username: `user${n}` })).id,
    );
    const newestFirst = [...ids].reverse();
    expect(store.audit.list(core.id, firstPage).map((entry) => entry.id)).toEqual(newestFirst);

    const seen: number[] = [];
    let beforeId: number | null = null;
    for (;;) {
      const page = store.audit.list(core.id, { ...firstPage, limit: 3, beforeId });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((entry) => entry.id));
      beforeId = page.at(-1)!.id;
    }
    expect(seen).toEqual(newestFirst);
    store.close();
  });

  it('keeps each profile to its own entries', () => {
    const store = open();
    const core = store.profiles.save(profileDraft({ name: 'Core' }));
    const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
    store.audit.record(core.id, auditEntry({ username: 'core-user' }));
    store.audit.record(edge.id, auditEntry({ username: 'edge-user' }));
    expect(store.audit.list(core.id, firstPage).map((entry) => entry.username)).toEqual([
      'core-user',
    ]);
    expect(store.audit.list(edge.id, firstPage).map((entry) => entry.username)).toEqual([
      'edge-user',
    ]);
    store.close();
  });

  it('survives close and reopen', () => {
    const first = open();
    const core = first.profiles.save(profileDraft());
    const recorded = first.audit.record(core.id, auditEntry({ action: 'bulk-disconnect' }));
    first.close();
    const again = open();
    expect(again.audit.list(core.id, firstPage)).toEqual([recorded]);
    again.close();
  });

  it('keeps the entries of a deleted profile, unlinked from it', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const recorded = store.audit.record(core.id, auditEntry());
    store.audit.record(null, auditEntry({ username: 'no-profile' }));
    store.profiles.delete(core.id);
    store.close();
    const db = new Database(folder.file, { readonly: true });
    try {
      const rows = db
        .prepare<[], { id: number; profile_id: number | null; username: string }>(
          'SELECT id, profile_id, username FROM audit_log ORDER BY id',
        )
        .all();
      expect(rows).toEqual([
        { id: recorded.id, profile_id: null, username: 'alice@isp.example' },
        { id: recorded.id + 1, profile_id: null, username: 'no-profile' },
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses to change or remove an entry, even by hand in SQL', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const recorded = store.audit.record(core.id, auditEntry());
    store.close();
    const db = new Database(folder.file);
    try {
      expect(() =>
        db.prepare("UPDATE audit_log SET result = 'done', detail = 'forged'").run(),
      ).toThrow(/append-only/);
      expect(() => db.prepare('UPDATE audit_log SET profile_id = 99').run()).toThrow(/append-only/);
      expect(() =>
        db.prepare("UPDATE audit_log SET user_type = 'admin', reseller_id = NULL").run(),
      ).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    const again = open();
    expect(again.audit.list(core.id, firstPage)).toEqual([recorded]);
    again.close();
  });

  it('records the operator: user type and reseller, or none where the role owned the database', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const support = store.audit.record(core.id, auditEntry());
    const owner = store.audit.record(
      core.id,
      auditEntry({ userType: null, resellerId: null, resellerName: null }),
    );
    expect(store.audit.list(core.id, firstPage)).toEqual([owner, support]);
    expect(support).toMatchObject({
      userType: 'support',
      resellerId: 7,
      resellerName: 'Norte Conecta',
    });
    store.close();
  });

  it('refuses an action, path, result or user type outside the contract', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const forged = { ...auditEntry(), result: 'maybe' } as unknown as ReturnType<typeof auditEntry>;
    expect(() => store.audit.record(core.id, forged)).toThrow(/CHECK constraint/);
    const boss = { ...auditEntry(), userType: 'boss' } as unknown as ReturnType<typeof auditEntry>;
    expect(() => store.audit.record(core.id, boss)).toThrow(/CHECK constraint/);
    expect(store.audit.list(core.id, firstPage)).toEqual([]);
    store.close();
  });

  it("groups a run's entries under the run and filters by run, result and NAS", () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const run = store.audit.startRun(core.id, {
      startedAt: '2026-11-21T10:00:00.000Z',
      description: 'online sessions on NAS bng-east (127.0.10.7)',
      total: 3,
    });
    expect(run).toMatchObject({ description: 'online sessions on NAS bng-east (127.0.10.7)' });
    const inRun = (overrides: Parameters<typeof auditEntry>[0]) =>
      store.audit.record(
        core.id,
        auditEntry({ action: 'bulk-disconnect', runId: run.runId, ...overrides }),
      );
    const done = inRun({ username: 'a', nasIp: '127.0.10.7' });
    const failed = inRun({ username: 'b', nasIp: '127.0.10.7', result: 'failed', path: null });
    const other = inRun({ username: 'c', nasIp: '127.0.10.8', result: 'failed', path: null });
    const single = store.audit.record(core.id, auditEntry({ username: 'd', result: 'failed' }));
    const ids = (filter: Partial<typeof firstPage>) =>
      store.audit.list(core.id, { ...firstPage, ...filter }).map((entry) => entry.id);

    expect(ids({ runId: run.runId })).toEqual([other.id, failed.id, done.id]);
    expect(ids({ result: 'failed' })).toEqual([single.id, other.id, failed.id]);
    expect(ids({ runId: run.runId, result: 'failed', nasIp: '127.0.10.7' })).toEqual([failed.id]);
    expect(single.runId).toBeNull();
    expect(store.audit.runs(core.id, 10)).toEqual([run]);
    const second = store.audit.startRun(core.id, {
      startedAt: run.startedAt,
      description: 'x',
      total: 1,
    });
    expect(store.audit.runs(core.id, 10).map((entry) => entry.runId)).toEqual([
      second.runId,
      run.runId,
    ]);
    store.close();
  });

  it('refuses to move an entry to another run or rewrite a run, even by hand in SQL', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const run = store.audit.startRun(core.id, { startedAt: 'now', description: 'run', total: 1 });
    store.audit.record(core.id, auditEntry({ runId: run.runId }));
    store.close();
    const db = new Database(folder.file);
    try {
      expect(() => db.prepare('UPDATE audit_log SET run_id = NULL').run()).toThrow(/append-only/);
      expect(() => db.prepare('UPDATE disconnect_run SET total = 9').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM disconnect_run').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});
