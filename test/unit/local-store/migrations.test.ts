import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../src-main/local-store';
import { applyMigrations, schemaVersion } from '../../../src-main/local-store/migrate';
import { migrations } from '../../../src-main/local-store/migrations';
import { OperatorError } from '../../../src-main/operator-error';
import {
  auditEntry,
  catchOperatorError,
  nasAccessDraft,
  profileDraft,
  savedFilter,
  useStoreFolder,
} from './fixtures';

const folder = useStoreFolder();
const latest = migrations.at(-1)!.version;

function tablesOf(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
    )
    .all()
    .map((row) => row.name);
}

describe('migrations', () => {
  it('are numbered 1, 2, 3 … with no gap or repeat', () => {
    expect(migrations.map((step) => step.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('apply on a fresh file: schema version, tables, WAL, foreign keys', () => {
    const store = openLocalStore(folder.file, folder.sealer);
    store.close();
    const db = new Database(folder.file);
    try {
      expect(schemaVersion(db)).toBe(latest);
      expect(tablesOf(db)).toEqual([
        'api_token',
        'audit_log',
        'cleanup_settings',
        'desk_state',
        'disconnect_run',
        'drop_acknowledgement',
        'drop_thresholds',
        'nas_access',
        'profile',
        'saved_filter',
        'silent_nas_confirmation',
        'table_layout',
      ]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('turn foreign keys on for the store connection', () => {
    const store = openLocalStore(folder.file, folder.sealer);
    try {
      expect(() => store.filters.save(999, savedFilter('orphan'))).toThrow(OperatorError);
    } finally {
      store.close();
    }
  });

  it('are idempotent on reopen and keep the data', () => {
    const first = openLocalStore(folder.file, folder.sealer);
    first.profiles.save(profileDraft({ name: 'Core' }));
    first.close();
    for (let reopen = 0; reopen < 2; reopen++) {
      const again = openLocalStore(folder.file, folder.sealer);
      expect(again.profiles.list().map((profile) => profile.name)).toEqual(['Core']);
      again.close();
    }
    const db = new Database(folder.file);
    expect(schemaVersion(db)).toBe(latest);
    db.close();
  });

  it('work on an in-memory store', () => {
    const store = openLocalStore(':memory:', folder.sealer);
    expect(store.profiles.list()).toEqual([]);
    store.close();
  });

  it('bring a store of schema 1 up to date, keeping its profiles and filters', () => {
    const old = new Database(folder.file);
    applyMigrations(old, migrations.slice(0, 1));
    old
      .prepare(
        `INSERT INTO profile (name, host, port, database_name, user_name, ssl_mode)
         VALUES ('Core', '127.0.0.1', 5432, 'radius', 'radius', 'prefer')`,
      )
      .run();
    expect(schemaVersion(old)).toBe(1);
    old.close();

    const store = openLocalStore(folder.file, folder.sealer);
    const [core] = store.profiles.list();
    expect(core?.name).toBe('Core');
    store.nasAccess.save(core!.id, nasAccessDraft({ coaSecret: 'coa-1' }));
    expect(store.nasAccess.get(core!.id, '127.0.10.1')?.coaSecret).toBe('coa-1');
    expect(store.audit.record(core!.id, auditEntry()).id).toBe(1);
    store.close();

    const db = new Database(folder.file);
    try {
      expect(schemaVersion(db)).toBe(latest);
      expect(tablesOf(db)).toContain('nas_access');
      expect(tablesOf(db)).toContain('audit_log');
    } finally {
      db.close();
    }
  });

  it('bring a store of schema 2 up to date: its NAS keep their settings, with no pin', () => {
    const old = new Database(folder.file);
    applyMigrations(old, migrations.slice(0, 2));
    old.exec(
      `INSERT INTO profile (id, name, host, port, database_name, user_name, ssl_mode)
       VALUES (7, 'Core', '127.0.0.1', 5432, 'radius', 'radius', 'prefer');
       INSERT INTO nas_access (profile_id, nas_ip, api_user, api_port, api_tls, coa_port)
       VALUES (7, '127.0.10.1', 'noc-api', 8729, 1, 3799);`,
    );
    old.close();

    const store = openLocalStore(folder.file, folder.sealer);
    try {
      expect(store.nasAccess.list(7)).toMatchObject([
        { nasIp: '127.0.10.1', apiUser: 'noc-api', apiTls: true, apiTlsFingerprint: null },
      ]);
    } finally {
      store.close();
    }
    const db = new Database(folder.file);
    try {
      expect(schemaVersion(db)).toBe(latest);
    } finally {
      db.close();
    }
  });

  it('widen the audit log to drop acknowledgements, keeping its entries and its guards', () => {
    const old = new Database(folder.file);
    applyMigrations(
      old,
      migrations.filter((step) => step.version < 6),
    );
    old.exec(
      `INSERT INTO profile (id, name, host, port, database_name, user_name, ssl_mode)
       VALUES (7, 'Core', '127.0.0.1', 5432, 'radius', 'radius', 'prefer');
       INSERT INTO audit_log (id, profile_id, at, os_user, db_role, action, username, nas_ip,
                              acct_session_id, radacct_id, path, result, detail)
       VALUES (41, 7, '2026-11-21T08:00:00Z', 'noc', 'radius', 'disconnect', 'ana@isp',
               '127.0.10.1', '81000001', '12', 'coa', 'done', 'Disconnected over CoA.');`,
    );
    expect(() =>
      old.exec(
        `INSERT INTO audit_log (profile_id, at, os_user, action, username, nas_ip, result, detail)
         VALUES (7, 'x', 'noc', 'acknowledge-drop', '', '127.0.10.1', 'done', 'x')`,
      ),
    ).toThrow(/CHECK constraint/);
    old.close();

    const store = openLocalStore(folder.file, folder.sealer);
    try {
      const acknowledged = store.nasHealth.acknowledge(7, '127.0.10.3@2026-11-21T03:12:00.000Z', {
        ...auditEntry(),
        action: 'acknowledge-drop',
        username: '',
        nasIp: '127.0.10.3',
        acctSessionId: null,
        radacctId: null,
        path: null,
      });
      expect(acknowledged.by).toBe(auditEntry().osUser);
      const entries = store.audit.list(7, {
        limit: 10,
        beforeId: null,
        runId: null,
        result: null,
        nasIp: null,
      });
      expect(entries.map((entry) => [entry.id, entry.action])).toEqual([
        [42, 'acknowledge-drop'],
        [41, 'disconnect'],
      ]);
    } finally {
      store.close();
    }
    const db = new Database(folder.file);
    try {
      // Still append-only, still indexed, still refusing unknown actions.
      expect(() => db.exec('DELETE FROM audit_log WHERE id = 41')).toThrow(/append-only/);
      expect(() => db.exec("UPDATE audit_log SET detail = 'x' WHERE id = 41")).toThrow(
        /append-only/,
      );
      expect(() =>
        db.exec(
          `INSERT INTO audit_log (profile_id, at, os_user, action, username, nas_ip, result, detail)
           VALUES (7, 'x', 'noc', 'reboot-nas', '', '127.0.10.1', 'done', 'x')`,
        ),
      ).toThrow(/CHECK constraint/);
      const indexes = db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL ORDER BY name",
        )
        .all();
      expect(indexes.map((index) => index.name)).toEqual([
        'audit_log_by_profile',
        'audit_log_by_run',
      ]);
      const triggers = db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log' ORDER BY name",
        )
        .all();
      expect(triggers.map((trigger) => trigger.name)).toEqual([
        'audit_log_no_delete',
        'audit_log_no_relink',
        'audit_log_no_rewrite',
        'audit_log_no_rewrite_api_token',
        'audit_log_no_rewrite_operator',
      ]);
    } finally {
      db.close();
    }
  });

  it('roll a failed step back whole, keeping the steps before it', () => {
    const db = new Database(folder.file);
    try {
      const steps = [
        { version: 1, sql: 'CREATE TABLE first_step (id INTEGER PRIMARY KEY);' },
        { version: 2, sql: 'CREATE TABLE half_done (id INTEGER); SELECT no_such_function();' },
      ];
      expect(() => applyMigrations(db, steps)).toThrow(/no_such_function/);
      expect(schemaVersion(db)).toBe(1);
      expect(tablesOf(db)).toEqual(['first_step']);
    } finally {
      db.close();
    }
  });

  it('refuse a store written by a newer Session Desk', () => {
    const db = new Database(folder.file);
    db.pragma(`user_version = ${latest + 1}`);
    db.close();
    const error = catchOperatorError(() => openLocalStore(folder.file, folder.sealer));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('newer Session Desk');
    expect(error.message).toContain(folder.file);
  });

  it('refuse a file that is not a store, with words', () => {
    const notAStore = join(folder.dir, 'secret.key');
    const error = catchOperatorError(() => openLocalStore(notAStore, folder.sealer));
    expect(error.message).toContain(`The local store ${notAStore} cannot be opened`);
  });

  it('refuse a store in a folder that does not exist, with words', () => {
    const error = catchOperatorError(() =>
      openLocalStore(join(folder.dir, 'gone', 'x.sqlite'), folder.sealer),
    );
    expect(error.message).toContain('Check that its folder exists');
  });
});
