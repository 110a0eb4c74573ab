import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicFile } from '../../../src-main/csv/atomic-file';
import { ensureDataFolder, exportsFolder, localStoreFile } from '../../../src-main/data-folder';
import { openLocalStore } from '../../../src-main/local-store';
import { createKeyFileSealer } from '../../../src-main/secrets/key-file-sealer';
import { exportFolderTarget } from '../../../src-main/service/export-destination';
import { profileDraft } from './fixtures';

// What the data folder holds (profiles, sealed passwords and their key, exports of
// subscriber sessions) is for the operator's eyes only, whatever the folder's own mode and
// the process umask: an operator may point --data-dir at a folder that already exists.
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

let base: string;
let folder: string;
const umask = process.umask();

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'sd-modes-'));
  folder = join(base, 'data');
  mkdirSync(folder);
  chmodSync(folder, 0o755);
  // The usual umask leaves new files readable by everyone: the failure this guards against.
  process.umask(0o022);
});

afterEach(() => {
  process.umask(umask);
  rmSync(base, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('files in a data folder that already exists', () => {
  it('the store, its WAL files and the key file are owner-only', () => {
    ensureDataFolder(folder);
    const file = localStoreFile(folder);
    const store = openLocalStore(file, createKeyFileSealer(folder));
    try {
      store.profiles.save(profileDraft({ password: 'sealed' }));
      for (const path of [file, `${file}-wal`, `${file}-shm`, join(folder, 'secret.key')]) {
        expect(existsSync(path), path).toBe(true);
        expect(modeOf(path), path).toBe('600');
      }
    } finally {
      store.close();
    }
  });

  it('a store file left readable by an older version is made owner-only when opened', () => {
    const file = localStoreFile(folder);
    closeSync(openSync(file, 'w', 0o644));
    chmodSync(file, 0o644);
    openLocalStore(file, createKeyFileSealer(folder)).close();
    expect(modeOf(file)).toBe('600');
  });

  it('exports go into an owner-only folder, as owner-only files', async () => {
    const target = await exportFolderTarget(exportsFolder(folder))('sessions-online.csv');
    const file = await AtomicFile.create(target!.path);
    await file.write('radacct_id,username\r\n');
    await file.commit();
    expect(modeOf(exportsFolder(folder))).toBe('700');
    expect(modeOf(target!.path)).toBe('600');
  });
});
