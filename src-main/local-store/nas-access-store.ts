import type { Database } from 'better-sqlite3';
import {
  sameApiPasswordDestination,
  sameCoaSecretDestination,
  type NasAccessDraft,
  type NasAccessSummary,
} from '@contract';
import { OperatorError } from '../operator-error';
import type { Sealer } from '../secrets/sealer';
import type { NasAccessStore } from './local-store';
import { profileNotFound } from './profile-store';
import { violates } from './sqlite-errors';

interface NasAccessRow {
  nas_ip: string;
  api_user: string | null;
  api_password_sealed: Buffer | null;
  api_port: number;
  api_tls: 0 | 1;
  api_tls_fingerprint: string | null;
  coa_port: number;
  coa_secret_sealed: Buffer | null;
  require_message_authenticator: 0 | 1;
}

interface NasAccessParams {
  profileId: number;
  nasIp: string;
  apiUser: string | null;
  apiPasswordSealed: Buffer | null;
  keepApiPassword: 0 | 1;
  apiPort: number;
  apiTls: 0 | 1;
  apiTlsFingerprint: string | null;
  keepApiTlsFingerprint: 0 | 1;
  coaPort: number;
  coaSecretSealed: Buffer | null;
  keepCoaSecret: 0 | 1;
  requireMessageAuthenticator: 0 | 1;
}

const columns =
  'nas_ip, api_user, api_password_sealed, api_port, api_tls, api_tls_fingerprint, coa_port, ' +
  'coa_secret_sealed, require_message_authenticator';

export function createNasAccessStore(db: Database, sealer: Sealer): NasAccessStore {
  const listRows = db.prepare<[number], NasAccessRow>(
    `SELECT ${columns} FROM nas_access WHERE profile_id = ? ORDER BY nas_ip`,
  );
  const getRow = db.prepare<[number, string], NasAccessRow>(
    `SELECT ${columns} FROM nas_access WHERE profile_id = ? AND nas_ip = ?`,
  );
  // A new row takes the draft's secrets and pin as they are: "keep" has nothing to keep yet.
  const upsert = db.prepare<NasAccessParams, NasAccessRow>(
    `INSERT INTO nas_access (profile_id, nas_ip, api_user, api_password_sealed, api_port,
                             api_tls, api_tls_fingerprint, coa_port, coa_secret_sealed,
                             require_message_authenticator)
     VALUES (@profileId, @nasIp, @apiUser, @apiPasswordSealed, @apiPort, @apiTls,
             @apiTlsFingerprint, @coaPort, @coaSecretSealed, @requireMessageAuthenticator)
     ON CONFLICT (profile_id, nas_ip) DO UPDATE SET
       api_user = excluded.api_user,
       api_password_sealed = iif(@keepApiPassword, api_password_sealed, excluded.api_password_sealed),
       api_port = excluded.api_port,
       api_tls = excluded.api_tls,
       api_tls_fingerprint = iif(@keepApiTlsFingerprint, api_tls_fingerprint,
                                 excluded.api_tls_fingerprint),
       coa_port = excluded.coa_port,
       coa_secret_sealed = iif(@keepCoaSecret, coa_secret_sealed, excluded.coa_secret_sealed),
       require_message_authenticator = excluded.require_message_authenticator
     RETURNING ${columns}`,
  );
  const remove = db.prepare<[number, string]>(
    'DELETE FROM nas_access WHERE profile_id = ? AND nas_ip = ?',
  );
  const saveInTransaction = db.transaction(
    (profileId: number, draft: NasAccessDraft): NasAccessSummary => {
      const stored = getRow.get(profileId, draft.nasIp);
      const params = toParams(profileId, draft, sealer);
      if (stored) {
        // Untyped, a secret stays only where it was typed for: a new destination clears it.
        const before = toSummary(stored);
        const after = {
          apiUser: params.apiUser,
          apiPort: params.apiPort,
          apiTls: params.apiTls === 1,
          apiTlsFingerprint: params.keepApiTlsFingerprint
            ? before.apiTlsFingerprint
            : params.apiTlsFingerprint,
          coaPort: params.coaPort,
        };
        if (!sameApiPasswordDestination(before, after)) params.keepApiPassword = 0;
        if (!sameCoaSecretDestination(before, after)) params.keepCoaSecret = 0;
      }
      return toSummary(upsert.get(params)!);
    },
  );

  return {
    list: (profileId) => listRows.all(profileId).map(toSummary),

    get(profileId, nasIp) {
      const row = getRow.get(profileId, nasIp);
      if (!row) return null;
      return {
        ...toSummary(row),
        apiPassword: unsealSecret(row.api_password_sealed, 'API password', row.nas_ip, sealer),
        coaSecret: unsealSecret(row.coa_secret_sealed, 'CoA secret', row.nas_ip, sealer),
      };
    },

    save(profileId, draft) {
      try {
        return saveInTransaction(profileId, draft);
      } catch (error) {
        if (violates(error, 'FOREIGNKEY')) throw profileNotFound(profileId);
        throw error;
      }
    },

    delete(profileId, nasIp) {
      if (remove.run(profileId, nasIp).changes === 0) {
        throw new OperatorError(
          'NOT_FOUND',
          `No credentials are saved for NAS ${nasIp} in this profile; they may have been ` +
            `deleted. Reload the NAS list.`,
        );
      }
    },
  };
}

function toParams(profileId: number, draft: NasAccessDraft, sealer: Sealer): NasAccessParams {
  // '' and null both store NULL; for an existing row, null is then ignored (keep…).
  const sealed = (secret: string | null) => (secret ? sealer.seal(secret) : null);
  return {
    profileId,
    nasIp: draft.nasIp,
    // An empty user name is no user: the API path is then skipped, not tried with ''.
    apiUser: draft.apiUser?.trim() || null,
    apiPasswordSealed: sealed(draft.apiPassword),
    keepApiPassword: draft.apiPassword === null ? 1 : 0,
    apiPort: draft.apiPort,
    apiTls: draft.apiTls ? 1 : 0,
    // The contract has normalised it to AA:BB:…; '' forgets it.
    apiTlsFingerprint: draft.apiTlsFingerprint || null,
    keepApiTlsFingerprint: draft.apiTlsFingerprint === null ? 1 : 0,
    coaPort: draft.coaPort,
    coaSecretSealed: sealed(draft.coaSecret),
    keepCoaSecret: draft.coaSecret === null ? 1 : 0,
    requireMessageAuthenticator: draft.requireMessageAuthenticator ? 1 : 0,
  };
}

function toSummary(row: NasAccessRow): NasAccessSummary {
  return {
    nasIp: row.nas_ip,
    apiUser: row.api_user,
    apiPort: row.api_port,
    apiTls: row.api_tls === 1,
    apiTlsFingerprint: row.api_tls_fingerprint,
    coaPort: row.coa_port,
    apiPasswordSet: row.api_password_sealed !== null,
    coaSecretSet: row.coa_secret_sealed !== null,
    coaSecretFromRadius: false,
    requireMessageAuthenticator: row.require_message_authenticator === 1,
  };
}

function unsealSecret(
  sealed: Buffer | null,
  what: string,
  nasIp: string,
  sealer: Sealer,
): string | null {
  if (sealed === null) return null;
  try {
    return sealer.unseal(sealed);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new OperatorError(
      'INTERNAL',
      `The saved ${what} of NAS ${nasIp} cannot be read. ${cause} Open the NAS in Settings ` +
        `and enter its ${what} again.`,
    );
  }
}
