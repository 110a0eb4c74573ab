import type { ApiError, ConnectionState, ProfileSummary } from '@contract';
import type { LocalStore, StoredProfile } from '../local-store';
import type { OperatorAccess } from '../operator-access';
import { OperatorError } from '../operator-error';
import { openRadiusDb, type DbProfile, type RadiusDb, type ServerAddress } from '../radius-db';

export type OpenDatabase = typeof openRadiusDb;

const noProfile = () =>
  new OperatorError(
    'NO_PROFILE',
    'No connection profile is open. Choose one in the profile menu, or create one.',
  );

export function dbProfileOf(profile: StoredProfile): DbProfile {
  const { host, port, database, user, password, sslMode } = profile;
  return { host, port, database, user, password, sslMode, primary: primaryOf(profile) };
}

/** A profile's primary for writes; its port defaults to the standby's own. */
export function primaryOf(
  profile: Pick<ProfileSummary, 'port' | 'primaryHost' | 'primaryPort'>,
): ServerAddress | null {
  if (profile.primaryHost === null) return null;
  return { host: profile.primaryHost, port: profile.primaryPort ?? profile.port };
}

const asApiError = (error: unknown): ApiError =>
  error instanceof OperatorError
    ? error.toApiError()
    : { code: 'INTERNAL', message: 'Opening the database failed unexpectedly.' };

/**
 * The profile the operator is working on and its open database. The database opens
 * lazily and is reopened on demand: when PostgreSQL is down at start or goes away later,
 * each call tries again, so the page recovers by itself when the server comes back.
 */
export class ActiveDatabase {
  private profile: ProfileSummary | null = null;
  private db: RadiusDb | null = null;
  /** The open in progress, for one profile; concurrent calls share it. */
  private opening: { profileId: number; db: Promise<RadiusDb> } | null = null;
  private lastError: ApiError | null = null;

  constructor(
    private readonly store: LocalStore,
    private readonly openDatabase: OpenDatabase,
  ) {}

  /** Choose a profile and open its database now, so the operator sees a failure at once. */
  async switchTo(profileId: number): Promise<ConnectionState> {
    const profile = this.store.profiles.get(profileId);
    if (!profile) throw new OperatorError('NOT_FOUND', `Profile ${profileId} no longer exists.`);
    await this.release();
    this.profile = profile;
    this.store.lastProfileId.set(profileId);
    await this.database();
    return this.state();
  }

  /** Forget the profile (it was deleted) without opening anything else. */
  async forget(profileId: number): Promise<void> {
    if (this.profile?.id !== profileId) return;
    await this.release();
    this.profile = null;
    this.store.lastProfileId.set(null);
  }

  /** Reopen the profile used last time, if it still exists; a failure leaves it 'lost'. */
  async resumeLast(): Promise<void> {
    const id = this.store.lastProfileId.get();
    const profile = id === null ? null : this.store.profiles.list().find((p) => p.id === id);
    if (!profile) return;
    this.profile = profile;
    // Any failure (server down, a password that no longer unseals) leaves the profile
    // 'lost' with its reason, which the page shows; it never stops the app starting.
    await this.database().catch(() => undefined);
  }

  get profileId(): number {
    if (!this.profile) throw noProfile();
    return this.profile.id;
  }

  state(): ConnectionState {
    if (!this.profile) return { kind: 'none' };
    const { id: profileId, name: profileName } = this.profile;
    if (this.db && !this.lastError) {
      const { summary: schema, operator, role } = this.db;
      return {
        kind: 'connected',
        profileId,
        profileName,
        schema,
        operator: operator.identity,
        role,
      };
    }
    return {
      kind: 'lost',
      profileId,
      profileName,
      error: this.lastError ?? { code: 'DB_UNREACHABLE', message: 'Not connected yet.' },
    };
  }

  /** The open database, opening it first when needed (one attempt at a time). */
  async database(): Promise<RadiusDb> {
    if (this.db) return this.db;
    if (!this.profile) throw noProfile();
    try {
      const profile = this.store.profiles.get(this.profile.id);
      if (!profile) throw noProfile();
      if (this.opening?.profileId !== profile.id) {
        const opening = {
          profileId: profile.id,
          // The profile's stale threshold is part of every session query: a change reopens.
          db: this.openDatabase(dbProfileOf(profile), {
            applicationName: 'Session Desk',
            staleAfterSeconds: this.store.cleanup.settings(profile.id).staleAfterSeconds,
          }),
        };
        this.opening = opening;
        void opening.db
          .finally(() => {
            if (this.opening === opening) this.opening = null;
          })
          .catch(() => undefined);
      }
      const db = await this.opening.db;
      // The operator switched profile while this one was opening: drop it, open theirs.
      if (this.profile?.id !== profile.id) {
        await db.close();
        return this.database();
      }
      this.db = db;
      this.lastError = null;
      return db;
    } catch (error) {
      this.lastError = asApiError(error);
      throw error;
    }
  }

  /** The connected operator (who, which sessions, what it may do), opening the database first. */
  async operator(): Promise<OperatorAccess> {
    return (await this.database()).operator;
  }

  /**
   * The same, for code that runs right after operator() or inside run(): the database is
   * open then. Throws if it was closed meanwhile (the profile was saved or switched).
   */
  get connectedOperator(): OperatorAccess {
    if (!this.db) {
      throw new OperatorError(
        'NO_PROFILE',
        'The connection was reopened (the profile changed) while this request ran. Try again.',
      );
    }
    return this.db.operator;
  }

  /** Run a query; a lost server is remembered so connection.status says so. */
  async run<T>(query: (db: RadiusDb) => Promise<T>): Promise<T> {
    const db = await this.database();
    try {
      const result = await query(db);
      this.lastError = null;
      return result;
    } catch (error) {
      if (
        error instanceof OperatorError &&
        error.code === 'DB_UNREACHABLE' &&
        error.reason !== 'primary-unreachable'
      ) {
        this.lastError = error.toApiError();
      }
      throw error;
    }
  }

  async release(): Promise<void> {
    const db = this.db;
    this.db = null;
    this.lastError = null;
    await db?.close();
  }
}
