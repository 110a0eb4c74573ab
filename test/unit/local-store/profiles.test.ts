import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../src-main/local-store';
import { createKeyFileSealer } from '../../../src-main/secrets/key-file-sealer';
import { catchOperatorError, profileDraft, useStoreFolder } from './fixtures';

const folder = useStoreFolder();
const open = () => openLocalStore(folder.file, folder.sealer);

function sealedPasswordOf(id: number): Buffer | null {
  const db = new Database(folder.file, { readonly: true });
  try {
    return db
      .prepare<[number], { password_sealed: Buffer | null }>(
        'SELECT password_sealed FROM profile WHERE id = ?',
      )
      .get(id)!.password_sealed;
  } finally {
    db.close();
  }
}

describe('profiles', () => {
  it('create, list by name, get, update, delete', () => {
    const store = open();
    const edge = store.profiles.save(profileDraft({ name: 'edge-2', host: '10.0.0.2' }));
    const core = store.profiles.save(
      profileDraft({ name: 'Core', port: 6432, sslMode: 'require' }),
    );
    expect(core).toEqual({
      id: core.id,
      name: 'Core',
      host: '127.0.0.1',
      port: 6432,
      database: 'radius',
      user: 'radius',
      sslMode: 'require',
      primaryHost: null,
      primaryPort: null,
      passwordSet: false,
    });
    expect(store.profiles.list().map((profile) => profile.name)).toEqual(['Core', 'edge-2']);
    expect(store.profiles.get(edge.id)).toEqual({ ...edge, password: null });

    const moved = store.profiles.save(profileDraft({ id: edge.id, name: 'edge-3', user: 'noc' }));
    expect(moved).toMatchObject({ id: edge.id, name: 'edge-3', user: 'noc' });
    expect(store.profiles.list().map((profile) => profile.name)).toEqual(['Core', 'edge-3']);

    store.profiles.delete(core.id);
    expect(store.profiles.get(core.id)).toBeNull();
    expect(store.profiles.list().map((profile) => profile.id)).toEqual([edge.id]);
    store.close();
  });

  it('survive close and reopen', () => {
    const first = open();
    const saved = first.profiles.save(profileDraft({ password: 'radpass' }));
    first.close();
    const again = open();
    expect(again.profiles.list()).toEqual([saved]);
    expect(again.profiles.get(saved.id)?.password).toBe('radpass');
    again.close();
  });

  it('refuse a duplicate name on create and on rename, whatever the case', () => {
    const store = open();
    store.profiles.save(profileDraft({ name: 'Core' }));
    const other = store.profiles.save(profileDraft({ name: 'Edge' }));
    for (const draft of [
      profileDraft({ name: 'Core' }),
      profileDraft({ name: 'CORE' }),
      profileDraft({ id: other.id, name: 'core' }),
    ]) {
      const error = catchOperatorError(() => store.profiles.save(draft));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`A profile named "${draft.name}" already exists.`);
    }
    expect(store.profiles.get(other.id)?.name).toBe('Edge');
    store.close();
  });

  it('allow saving a profile under its own name', () => {
    const store = open();
    const core = store.profiles.save(profileDraft({ name: 'Core' }));
    expect(store.profiles.save(profileDraft({ id: core.id, name: 'Core', port: 5433 })).port).toBe(
      5433,
    );
    store.close();
  });

  it('answer NOT_FOUND for an unknown id on update and delete; null on get', () => {
    const store = open();
    const update = catchOperatorError(() => store.profiles.save(profileDraft({ id: 41 })));
    expect(update.code).toBe('NOT_FOUND');
    expect(update.message).toContain('id 41');
    expect(catchOperatorError(() => store.profiles.delete(41)).code).toBe('NOT_FOUND');
    expect(store.profiles.get(41)).toBeNull();
    expect(store.profiles.list()).toEqual([]);
    store.close();
  });

  it('list says whether a password is saved, never what it is', () => {
    const store = open();
    store.profiles.save(profileDraft({ name: 'with', password: 'radpass' }));
    store.profiles.save(profileDraft({ name: 'without' }));
    const listed = store.profiles.list();
    expect(listed.map((profile) => [profile.name, profile.passwordSet])).toEqual([
      ['with', true],
      ['without', false],
    ]);
    expect(JSON.stringify(listed)).not.toContain('radpass');
    expect(listed.every((profile) => !('password' in profile))).toBe(true);
    store.close();
  });
});

describe('profile passwords', () => {
  it('keep the saved one when the draft says null and leaves server, user and SSL mode', () => {
    const store = open();
    const saved = store.profiles.save(profileDraft({ password: 'first' }));
    const kept = store.profiles.save(
      profileDraft({ id: saved.id, name: 'Renamed', database: 'radius2', password: null }),
    );
    expect(kept.passwordSet).toBe(true);
    expect(store.profiles.get(saved.id)?.password).toBe('first');
    store.close();
  });

  it.each([
    ['host', { host: '10.1.1.1' }],
    ['port', { port: 6543 }],
    ['user', { user: 'other' }],
    ['SSL mode', { sslMode: 'disable' as const }],
    // The password goes to the primary for writes too: a new one must not get it untyped.
    ['primary for writes', { primaryHost: '10.1.1.2' }],
  ])('clear the saved one when the %s changes and it is not typed again', (_what, change) => {
    const store = open();
    const saved = store.profiles.save(profileDraft({ password: 'first' }));
    const moved = store.profiles.save(profileDraft({ id: saved.id, password: null, ...change }));
    expect(moved.passwordSet).toBe(false);
    expect(store.profiles.get(saved.id)?.password).toBeNull();
    store.close();
  });

  it('keep a primary for writes (port blank: the standby port), and a port alone as none', () => {
    const store = open();
    const withPrimary = store.profiles.save(
      profileDraft({ name: 'Replica', primaryHost: 'db-primary', primaryPort: null }),
    );
    expect(withPrimary).toMatchObject({ primaryHost: 'db-primary', primaryPort: null });
    const portOnly = store.profiles.save(
      profileDraft({ name: 'Plain', primaryHost: null, primaryPort: 6000 }),
    );
    expect(portOnly).toMatchObject({ primaryHost: null, primaryPort: null });
    store.close();
  });

  it('replace the saved one with new text', () => {
    const store = open();
    const saved = store.profiles.save(profileDraft({ password: 'first' }));
    store.profiles.save(profileDraft({ id: saved.id, password: 'second' }));
    expect(store.profiles.get(saved.id)?.password).toBe('second');
    store.close();
  });

  it("clear the saved one with ''", () => {
    const store = open();
    const saved = store.profiles.save(profileDraft({ password: 'first' }));
    const cleared = store.profiles.save(profileDraft({ id: saved.id, password: '' }));
    expect(cleared.passwordSet).toBe(false);
    expect(store.profiles.get(saved.id)?.password).toBeNull();
    expect(sealedPasswordOf(saved.id)).toBeNull();
    store.close();
  });

  it("store nothing for '' on create", () => {
    const store = open();
    const saved = store.profiles.save(profileDraft({ password: '' }));
    expect(saved.passwordSet).toBe(false);
    expect(sealedPasswordOf(saved.id)).toBeNull();
    store.close();
  });

  it('are sealed at rest: the plain password is in no file of the store', () => {
    const password = 'Plain-Radius-Pa55word';
    const store = open();
    const saved = store.profiles.save(profileDraft({ password }));
    const sealed = sealedPasswordOf(saved.id);
    expect(sealed).toBeInstanceOf(Buffer);
    expect(sealed!.includes(password)).toBe(false);
    expect(folder.sealer.unseal(sealed!)).toBe(password);
    // Look at the database, its WAL and shared memory while open, and again after close.
    const files = () => readdirSync(folder.dir).filter((name) => name.startsWith('session-desk'));
    const leaks = () =>
      files().filter((name) => readFileSync(join(folder.dir, name)).includes(password));
    expect(files().length).toBeGreaterThan(1);
    expect(leaks()).toEqual([]);
    store.close();
    expect(leaks()).toEqual([]);
  });

  it('that cannot be unsealed are reported by profile name, and can be entered again', () => {
    const store = open();
    const saved = store.profiles.save(profileDraft({ name: 'Core', password: 'first' }));
    store.close();

    const otherKey = createKeyFileSealer(join(folder.dir, 'other-key'));
    const rekeyed = openLocalStore(folder.file, otherKey);
    expect(rekeyed.profiles.list()[0]?.passwordSet).toBe(true);
    const error = catchOperatorError(() => rekeyed.profiles.get(saved.id));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('The saved password of profile "Core" cannot be read.');
    expect(error.message).toContain('enter its password again');

    rekeyed.profiles.save(profileDraft({ id: saved.id, name: 'Core', password: 'second' }));
    expect(rekeyed.profiles.get(saved.id)?.password).toBe('second');
    rekeyed.close();
  });
});
