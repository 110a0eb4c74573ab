import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput, ProfileDraft, Result } from '@contract';
import { openLocalStore, type LocalStore } from '../../src-main/local-store';
import type { DbProfile } from '../../src-main/radius-db';
import { createKeyFileSealer } from '../../src-main/secrets/key-file-sealer';
import { createService, type DeskService, type ServiceOptions } from '../../src-main/service';
import type { TestDatabase } from './database';

/** The real service over a real local store in a temp folder, called as a transport would. */
export interface ServiceHarness {
  service: DeskService;
  store: LocalStore;
  dataFolder: string;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Calls and expects success; the error message fails the test otherwise. */
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

export function openServiceHarness(
  dataFolder = mkdtempSync(join(tmpdir(), 'sd-data-')),
  options: Omit<ServiceOptions, 'store'> = {},
): ServiceHarness {
  const store = openLocalStore(
    join(dataFolder, 'session-desk.sqlite'),
    createKeyFileSealer(dataFolder),
  );
  const service = createService({
    store,
    log: { error: (message, error) => process.env.SD_TEST_LOG && console.error(message, error) },
    ...options,
  });
  const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
    service.call(method, input) as Promise<Result<MethodOutput<M>>>;
  return {
    service,
    store,
    dataFolder,
    call,
    ok: async (method, input) => {
      const result = await call(method, input);
      if (!result.ok)
        throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.data;
    },
    close: async () => {
      await service.close();
      store.close();
    },
  };
}

export function draftFor(
  profile: DbProfile,
  name: string,
  overrides: Partial<ProfileDraft> = {},
): ProfileDraft {
  return {
    id: null,
    name,
    host: profile.host,
    port: profile.port,
    database: profile.database,
    user: profile.user,
    password: profile.password,
    sslMode: profile.sslMode,
    primaryHost: profile.primary?.host ?? null,
    primaryPort: profile.primary?.port ?? null,
    ...overrides,
  };
}

/**
 * A harness with the test database's profile saved under this name and connected; `as`
 * connects with another role's profile (an operator of test/support/operator-roles.ts).
 */
export async function connectedHarness(
  database: TestDatabase,
  options: Omit<ServiceOptions, 'store'> = {},
  profileName = 'core',
  as: DbProfile = database.profile,
): Promise<ServiceHarness> {
  const app = openServiceHarness(undefined, options);
  const profile = await app.ok('profiles.save', draftFor(as, profileName));
  await app.ok('profiles.connect', { id: profile.id });
  return app;
}
