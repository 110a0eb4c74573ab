import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ApiTokenDraft, ApiTokenSummary } from '@contract';
import { OperatorError } from '../operator-error';
import type { ApiTokenStore, StoredApiToken } from './local-store';
import { profileNotFound } from './profile-store';
import { violates } from './sqlite-errors';

interface ApiTokenRow {
  id: number;
  profile_id: number;
  name: string;
  scope: 'admin' | 'reseller';
  reseller_id: number | null;
  may_disconnect: 0 | 1;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const columns =
  'id, profile_id, name, scope, reseller_id, may_disconnect, created_at, expires_at, ' +
  'last_used_at, revoked_at';

/** Tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
const tokenPrefix = 'sdapi_';

/** The last-used time is written at most this often per token: not one write per request. */
const lastUsedResolutionMs = 60_000;

const sha256 = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The Automation API's bearer tokens. A token is 32 random bytes shown once at creation;
 * the store keeps only its SHA-256, and finds a presented token by that hash.
 */
export function createApiTokenStore(db: Database): ApiTokenStore {
  const listRows = db.prepare<[number], ApiTokenRow>(
    `SELECT ${columns} FROM api_token WHERE profile_id = ? ORDER BY id DESC`,
  );
  const byHash = db.prepare<[Buffer], ApiTokenRow>(
    `SELECT ${columns} FROM api_token WHERE token_sha256 = ?`,
  );
  const byId = db.prepare<[number, number], ApiTokenRow>(
    `SELECT ${columns} FROM api_token WHERE profile_id = ? AND id = ?`,
  );
  const insert = db.prepare<
    {
      profileId: number;
      name: string;
      hash: Buffer;
      scope: 'admin' | 'reseller';
      resellerId: number | null;
      mayDisconnect: 0 | 1;
      createdAt: string;
      expiresAt: string;
    },
    ApiTokenRow
  >(
    `INSERT INTO api_token (profile_id, name, token_sha256, scope, reseller_id, may_disconnect,
                           created_at, expires_at)
     VALUES (@profileId, @name, @hash, @scope, @resellerId, @mayDisconnect, @createdAt,
             @expiresAt)
     RETURNING ${columns}`,
  );
  const revoke = db.prepare<[string, number, number]>(
    'UPDATE api_token SET revoked_at = ? WHERE profile_id = ? AND id = ? AND revoked_at IS NULL',
  );
  const markUsed = db.prepare<[string, number, string]>(
    'UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
  );

  return {
    list: (profileId) => listRows.all(profileId).map(toSummary),

    create(profileId, draft: ApiTokenDraft, now: Date) {
      const secret = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      try {
        const row = insert.get({
          profileId,
          name: draft.name,
          hash: sha256(secret),
          scope: draft.scope.kind,
          resellerId: draft.scope.kind === 'reseller' ? draft.scope.resellerId : null,
          mayDisconnect: draft.mayDisconnect ? 1 : 0,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + draft.expiresInDays * dayMs).toISOString(),
        })!;
        return { token: toSummary(row), secret };
      } catch (error) {
        if (violates(error, 'UNIQUE')) {
          throw new OperatorError(
            'INVALID_INPUT',
            `This profile already has a token named "${draft.name}". Choose another name, or ` +
              'revoke that token first.',
          );
        }
        if (violates(error, 'FOREIGNKEY')) throw profileNotFound(profileId);
        throw error;
      }
    },

    revoke(profileId, id, now) {
      revoke.run(now.toISOString(), profileId, id);
      const row = byId.get(profileId, id);
      if (!row) {
        throw new OperatorError('NOT_FOUND', `There is no API token ${id} in this profile.`);
      }
      return toSummary(row);
    },

    find(secret): StoredApiToken | null {
      if (!secret.startsWith(tokenPrefix)) return null;
      const row = byHash.get(sha256(secret));
      return row ? { ...toSummary(row), profileId: row.profile_id } : null;
    },

    markUsed(id, now) {
      const before = new Date(now.getTime() - lastUsedResolutionMs).toISOString();
      markUsed.run(now.toISOString(), id, before);
    },
  };
}

function toSummary(row: ApiTokenRow): ApiTokenSummary {
  // The table's CHECK gives every reseller token its id; were one missing, reseller 0 (none)
  // would see nothing rather than everything.
  const scope: ApiTokenSummary['scope'] =
    row.scope === 'admin'
      ? { kind: 'admin' }
      : { kind: 'reseller', resellerId: row.reseller_id ?? 0 };
  return {
    id: row.id,
    name: row.name,
    scope,
    mayDisconnect: row.may_disconnect === 1,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
