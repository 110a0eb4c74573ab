import type { Database } from 'better-sqlite3';
import {
  samePasswordDestination,
  type ProfileDraft,
  type ProfileSummary,
  type SslMode,
} from '@contract';
import { OperatorError } from '../operator-error';
import type { Sealer } from '../secrets/sealer';
import type { ProfileStore } from './local-store';
import { violates } from './sqlite-errors';

interface ProfileRow {
  id: number;
  name: string;
  host: string;
  port: number;
  database_name: string;
  user_name: string;
  ssl_mode: SslMode;
  primary_host: string | null;
  primary_port: number | null;
  password_sealed: Buffer | null;
}

const columns =
  'id, name, host, port, database_name, user_name, ssl_mode, primary_host, primary_port';

export function createProfileStore(db: Database, sealer: Sealer): ProfileStore {
  const listRows = db.prepare<[], ProfileRow>(
    `SELECT ${columns}, password_sealed FROM profile ORDER BY name, id`,
  );
  const getRow = db.prepare<[number], ProfileRow>(
    `SELECT ${columns}, password_sealed FROM profile WHERE id = ?`,
  );
  const insert = db.prepare<ProfileParams, { id: number }>(
    `INSERT INTO profile (name, host, port, database_name, user_name, ssl_mode, primary_host,
                          primary_port, password_sealed)
     VALUES (@name, @host, @port, @database, @user, @sslMode, @primaryHost, @primaryPort,
             @passwordSealed)
     RETURNING id`,
  );
  const update = db.prepare<ProfileParams & { id: number; keepPassword: 0 | 1 }>(
    `UPDATE profile
     SET name = @name, host = @host, port = @port, database_name = @database,
         user_name = @user, ssl_mode = @sslMode, primary_host = @primaryHost,
         primary_port = @primaryPort,
         password_sealed = iif(@keepPassword, password_sealed, @passwordSealed)
     WHERE id = @id`,
  );
  const remove = db.prepare<[number]>('DELETE FROM profile WHERE id = ?');

  const saveInTransaction = db.transaction((draft: ProfileDraft): number => {
    const params = toParams(draft, sealer);
    if (draft.id === null) return insert.get(params)!.id;
    const stored = getRow.get(draft.id);
    if (!stored) throw profileNotFound(draft.id);
    // Untyped, the password stays only where it was typed for: a move clears it.
    const keepPassword =
      draft.password === null && samePasswordDestination(toSummary(stored), draft) ? 1 : 0;
    update.run({ ...params, id: draft.id, keepPassword });
    return draft.id;
  });

  return {
    list: () => listRows.all().map(toSummary),

    get(id) {
      const row = getRow.get(id);
      return row ? { ...toSummary(row), password: unsealPassword(row, sealer) } : null;
    },

    save(draft) {
      try {
        const id = saveInTransaction(draft);
        return toSummary(getRow.get(id)!);
      } catch (error) {
        if (violates(error, 'UNIQUE')) {
          throw new OperatorError(
            'INVALID_INPUT',
            `A profile named "${draft.name}" already exists.`,
          );
        }
        throw error;
      }
    },

    delete(id) {
      if (remove.run(id).changes === 0) throw profileNotFound(id);
    },
  };
}

interface ProfileParams {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: SslMode;
  primaryHost: string | null;
  primaryPort: number | null;
  passwordSealed: Buffer | null;
}

function toParams(draft: ProfileDraft, sealer: Sealer): ProfileParams {
  const { name, host, port, database, user, sslMode, password } = draft;
  // '' and null both store NULL; for an update, null is then ignored (keepPassword).
  const passwordSealed = password ? sealer.seal(password) : null;
  // A port without a host means nothing: stored as no primary at all.
  const primaryHost = draft.primaryHost;
  const primaryPort = primaryHost === null ? null : draft.primaryPort;
  return { name, host, port, database, user, sslMode, primaryHost, primaryPort, passwordSealed };
}

function toSummary(row: ProfileRow): ProfileSummary {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    database: row.database_name,
    user: row.user_name,
    sslMode: row.ssl_mode,
    primaryHost: row.primary_host,
    primaryPort: row.primary_port,
    passwordSet: row.password_sealed !== null,
  };
}

function unsealPassword(row: ProfileRow, sealer: Sealer): string | null {
  if (row.password_sealed === null) return null;
  try {
    return sealer.unseal(row.password_sealed);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new OperatorError(
      'INTERNAL',
      `The saved password of profile "${row.name}" cannot be read. ${cause} Edit the profile ` +
        `and enter its password again.`,
    );
  }
}

export function profileNotFound(id: number): OperatorError {
  return new OperatorError(
    'NOT_FOUND',
    `No saved profile has id ${id}; it may have been deleted. Reload the profile list.`,
  );
}
