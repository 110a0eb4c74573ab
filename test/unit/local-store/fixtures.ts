import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileDraft, SavedFilterInput } from '@contract';
import { afterEach, beforeEach } from 'vitest';
import { createKeyFileSealer } from '../../../src-main/secrets/key-file-sealer';
import type { Sealer } from '../../../src-main/secrets/sealer';

export interface StoreFolder {
  dir: string;
  /** The store file inside dir. */
  file: string;
  /** A key-file sealer keyed in dir. */
  sealer: Sealer;
}

/** A fresh temp folder per test, removed after it: real files, real SQLite, real key. */
export function useStoreFolder(): StoreFolder {
  const folder = {} as StoreFolder;
  beforeEach(() => {
    folder.dir = mkdtempSync(join(tmpdir(), 'session-desk-store-'));
    folder.file = join(folder.dir, 'session-desk.sqlite');
    folder.sealer = createKeyFileSealer(folder.dir);
  });
  afterEach(() => {
    rmSync(folder.dir, { recursive: true, force: true });
  });
  return folder;
}

export function profileDraft(overrides: Partial<ProfileDraft> = {}): ProfileDraft {
  return {
    id: null,
    name: 'Core BNG',
    host: '127.0.0.1',
    port: 5432,
    database: 'radius',
    user: 'radius',
    sslMode: 'prefer',
    primaryHost: null,
    primaryPort: null,
    password: null,
    ...overrides,
  };
}

export function savedFilter(name: string, search = ''): SavedFilterInput {
  return {
    name,
    filter: { search, status: 'online', nasIp: null },
    sort: { column: 'startTime', direction: 'desc' },
    pageSize: 100,
  };
}

export { catchOperatorError } from '../../support/operator-errors';
export { nasAccessDraft } from '../../support/nas-access-draft';
export { auditEntry } from '../../support/audit-entry';
