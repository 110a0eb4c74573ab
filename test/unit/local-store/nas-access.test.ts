import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../src-main/local-store';
import { createKeyFileSealer } from '../../../src-main/secrets/key-file-sealer';
import { catchOperatorError, nasAccessDraft, profileDraft, useStoreFolder } from './fixtures';

const folder = useStoreFolder();
const open = () => openLocalStore(folder.file, folder.sealer);

function rawNasAccessCount(): number {
  const db = new Database(folder.file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM nas_access').get()!.n;
  } finally {
    db.close();
  }
}

describe('NAS credentials', () => {
  it('save, list by address, get with secrets, delete', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const second = store.nasAccess.save(
      core.id,
      nasAccessDraft({
        nasIp: '127.0.10.2',
        apiPassword: 'api-pass',
        apiTls: true,
        apiPort: 8729,
        requireMessageAuthenticator: true,
      }),
    );
    expect(second).toEqual({
      nasIp: '127.0.10.2',
      apiUser: 'noc-api',
      apiPort: 8729,
      apiTls: true,
      apiTlsFingerprint: null,
      coaPort: 3799,
      apiPasswordSet: true,
      coaSecretSet: false,
      coaSecretFromRadius: false,
      requireMessageAuthenticator: true,
    });
    store.nasAccess.save(core.id, nasAccessDraft({ coaSecret: 'coa-secret', coaPort: 1700 }));
    expect(store.nasAccess.list(core.id).map((nas) => nas.nasIp)).toEqual([
      '127.0.10.1',
      '127.0.10.2',
    ]);
    expect(store.nasAccess.get(core.id, '127.0.10.2')).toEqual({
      ...second,
      apiPassword: 'api-pass',
      coaSecret: null,
    });
    expect(store.nasAccess.get(core.id, '127.0.10.1')).toMatchObject({
      coaPort: 1700,
      coaSecret: 'coa-secret',
      apiPassword: null,
      requireMessageAuthenticator: false,
    });
    expect(store.nasAccess.get(core.id, '127.0.10.9')).toBeNull();

    store.nasAccess.delete(core.id, '127.0.10.2');
    expect(store.nasAccess.list(core.id).map((nas) => nas.nasIp)).toEqual(['127.0.10.1']);
    const gone = catchOperatorError(() => store.nasAccess.delete(core.id, '127.0.10.2'));
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toContain('NAS 127.0.10.2');
    store.close();
  });

  it('saving an address again replaces its settings in place', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    store.nasAccess.save(core.id, nasAccessDraft({ apiUser: 'old', apiPort: 8728 }));
    store.nasAccess.save(core.id, nasAccessDraft({ apiUser: 'new', apiPort: 18728 }));
    expect(store.nasAccess.list(core.id)).toMatchObject([{ apiUser: 'new', apiPort: 18728 }]);
    expect(rawNasAccessCount()).toBe(1);
    store.close();
  });

  it('store an empty API user as no user', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    expect(store.nasAccess.save(core.id, nasAccessDraft({ apiUser: '  ' })).apiUser).toBeNull();
    store.close();
  });

  it('belong to one profile', () => {
    const store = open();
    const core = store.profiles.save(profileDraft({ name: 'Core' }));
    const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
    store.nasAccess.save(core.id, nasAccessDraft({ coaSecret: 'core-secret' }));
    store.nasAccess.save(edge.id, nasAccessDraft({ coaSecret: 'edge-secret', coaPort: 1700 }));
    expect(store.nasAccess.get(core.id, '127.0.10.1')).toMatchObject({
      coaSecret: 'core-secret',
      coaPort: 3799,
    });
    expect(store.nasAccess.get(edge.id, '127.0.10.1')).toMatchObject({
      coaSecret: 'edge-secret',
      coaPort: 1700,
    });
    store.nasAccess.delete(edge.id, '127.0.10.1');
    expect(store.nasAccess.list(edge.id)).toEqual([]);
    expect(store.nasAccess.list(core.id)).toHaveLength(1);
    store.close();
  });

  it('go with their profile when it is deleted', () => {
    const store = open();
    const core = store.profiles.save(profileDraft({ name: 'Core' }));
    const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
    store.nasAccess.save(core.id, nasAccessDraft());
    store.nasAccess.save(edge.id, nasAccessDraft());
    store.profiles.delete(core.id);
    expect(store.nasAccess.list(core.id)).toEqual([]);
    expect(rawNasAccessCount()).toBe(1);
    store.close();
  });

  it('answer NOT_FOUND for a profile that does not exist', () => {
    const store = open();
    const error = catchOperatorError(() => store.nasAccess.save(41, nasAccessDraft()));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('id 41');
    store.close();
  });

  it('survive close and reopen', () => {
    const first = open();
    const core = first.profiles.save(profileDraft());
    const saved = first.nasAccess.save(
      core.id,
      nasAccessDraft({ apiPassword: 'api-pass', coaSecret: 'coa-secret' }),
    );
    first.close();
    const again = open();
    expect(again.nasAccess.list(core.id)).toEqual([saved]);
    expect(again.nasAccess.get(core.id, '127.0.10.1')).toMatchObject({
      apiPassword: 'api-pass',
      coaSecret: 'coa-secret',
    });
    again.close();
  });
});

describe('NAS certificate pins', () => {
  const pinned = Array.from({ length: 32 }, (_, byte) =>
    byte.toString(16).padStart(2, '0').toUpperCase(),
  ).join(':');
  const rekeyed = Array(32).fill('EE').join(':');

  it('pin, keep on null, replace, forget with an empty string, and show it', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const saved = store.nasAccess.save(
      core.id,
      nasAccessDraft({ apiTls: true, apiPort: 8729, apiTlsFingerprint: pinned }),
    );
    expect(saved.apiTlsFingerprint).toBe(pinned);
    // Not a secret: the summary the renderer sees carries it.
    expect(store.nasAccess.list(core.id)).toMatchObject([{ apiTlsFingerprint: pinned }]);
    const kept = store.nasAccess.save(core.id, nasAccessDraft({ apiTls: true, apiPort: 18729 }));
    expect(kept).toMatchObject({ apiPort: 18729, apiTlsFingerprint: pinned });
    expect(store.nasAccess.get(core.id, '127.0.10.1')?.apiTlsFingerprint).toBe(pinned);
    const replaced = store.nasAccess.save(core.id, nasAccessDraft({ apiTlsFingerprint: rekeyed }));
    expect(replaced.apiTlsFingerprint).toBe(rekeyed);
    const forgotten = store.nasAccess.save(core.id, nasAccessDraft({ apiTlsFingerprint: '' }));
    expect(forgotten.apiTlsFingerprint).toBeNull();
    store.close();
  });

  it('refuse at the schema a value that is not AA:BB:… (a bug upstream of the store)', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    expect(() =>
      store.nasAccess.save(core.id, nasAccessDraft({ apiTlsFingerprint: 'ab'.repeat(32) })),
    ).toThrow(/CHECK constraint failed/);
    expect(rawNasAccessCount()).toBe(0);
    store.close();
  });
});

describe('NAS secrets', () => {
  const both = (apiPassword: string | null, coaSecret: string | null) =>
    nasAccessDraft({ apiPassword, coaSecret });

  it('keep the stored ones when the draft says null and their destination stays', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    store.nasAccess.save(core.id, both('api-1', 'coa-1'));
    const kept = store.nasAccess.save(core.id, both(null, null));
    expect(kept).toMatchObject({ apiPasswordSet: true, coaSecretSet: true });
    expect(store.nasAccess.get(core.id, '127.0.10.1')).toMatchObject({
      apiPassword: 'api-1',
      coaSecret: 'coa-1',
    });
    store.close();
  });

  it('clear each one its draft moves elsewhere without typing it again', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    store.nasAccess.save(core.id, both('api-1', 'coa-1'));
    const movedApi = store.nasAccess.save(core.id, { ...both(null, null), apiPort: 18728 });
    expect(movedApi).toMatchObject({ apiPasswordSet: false, coaSecretSet: true, apiPort: 18728 });
    const movedCoa = store.nasAccess.save(core.id, {
      ...both(null, null),
      apiPort: 18728,
      coaPort: 1700,
    });
    expect(movedCoa).toMatchObject({ coaSecretSet: false, coaPort: 1700 });
    expect(store.nasAccess.get(core.id, '127.0.10.1')).toMatchObject({
      apiPassword: null,
      coaSecret: null,
    });
    store.close();
  });

  it('replace the stored ones with new text, each on its own', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    store.nasAccess.save(core.id, both('api-1', 'coa-1'));
    store.nasAccess.save(core.id, both('api-2', null));
    expect(store.nasAccess.get(core.id, '127.0.10.1')).toMatchObject({
      apiPassword: 'api-2',
      coaSecret: 'coa-1',
    });
    store.nasAccess.save(core.id, both(null, 'coa-2'));
    expect(store.nasAccess.get(core.id, '127.0.10.1')).toMatchObject({
      apiPassword: 'api-2',
      coaSecret: 'coa-2',
    });
    store.close();
  });

  it("clear the stored ones with ''", () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    store.nasAccess.save(core.id, both('api-1', 'coa-1'));
    const cleared = store.nasAccess.save(core.id, both('', ''));
    expect(cleared).toMatchObject({ apiPasswordSet: false, coaSecretSet: false });
    expect(store.nasAccess.get(core.id, '127.0.10.1')).toMatchObject({
      apiPassword: null,
      coaSecret: null,
    });
    store.close();
  });

  it('are never in a summary', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    const saved = store.nasAccess.save(core.id, both('Api-Pa55-summary', 'Coa-Secret-summary'));
    const listed = store.nasAccess.list(core.id);
    for (const summary of [saved, ...listed]) {
      expect(Object.keys(summary).sort()).toEqual([
        'apiPasswordSet',
        'apiPort',
        'apiTls',
        'apiTlsFingerprint',
        'apiUser',
        'coaPort',
        'coaSecretFromRadius',
        'coaSecretSet',
        'nasIp',
        'requireMessageAuthenticator',
      ]);
    }
    expect(JSON.stringify([saved, listed])).not.toMatch(/Api-Pa55|Coa-Secret/);
    store.close();
  });

  it('are sealed at rest: neither secret is in any file of the store', () => {
    const apiPassword = 'Plain-RouterOS-Pa55word';
    const coaSecret = 'Plain-CoA-Shared-Secret';
    const store = open();
    const core = store.profiles.save(profileDraft());
    store.nasAccess.save(core.id, both(apiPassword, coaSecret));
    const files = () => readdirSync(folder.dir).filter((name) => name.startsWith('session-desk'));
    const leaks = () =>
      files().filter((name) => {
        const bytes = readFileSync(join(folder.dir, name));
        return bytes.includes(apiPassword) || bytes.includes(coaSecret);
      });
    expect(files().length).toBeGreaterThan(1);
    expect(leaks()).toEqual([]);
    store.close();
    expect(leaks()).toEqual([]);
    const raw = new Database(folder.file, { readonly: true });
    const sealed = raw
      .prepare<[], { api: Buffer; coa: Buffer }>(
        'SELECT api_password_sealed AS api, coa_secret_sealed AS coa FROM nas_access',
      )
      .get()!;
    raw.close();
    expect(folder.sealer.unseal(sealed.api)).toBe(apiPassword);
    expect(folder.sealer.unseal(sealed.coa)).toBe(coaSecret);
  });

  it('that cannot be unsealed are reported by NAS, and can be entered again', () => {
    const store = open();
    const core = store.profiles.save(profileDraft());
    store.nasAccess.save(core.id, both(null, 'coa-1'));
    store.close();

    const rekeyed = openLocalStore(folder.file, createKeyFileSealer(join(folder.dir, 'other')));
    expect(rekeyed.nasAccess.list(core.id)[0]?.coaSecretSet).toBe(true);
    const error = catchOperatorError(() => rekeyed.nasAccess.get(core.id, '127.0.10.1'));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('The saved CoA secret of NAS 127.0.10.1 cannot be read.');
    expect(error.message).toContain('enter its CoA secret again');
    rekeyed.nasAccess.save(core.id, both(null, 'coa-2'));
    expect(rekeyed.nasAccess.get(core.id, '127.0.10.1')?.coaSecret).toBe('coa-2');
    rekeyed.close();
  });
});
