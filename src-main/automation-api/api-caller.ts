import { apiTokenState, type ApiTokenScope } from '@contract';
import type { LocalStore } from '../local-store';

/** Who is calling the Automation API: the token, and the profile it belongs to. */
export interface ApiCaller {
  tokenId: number;
  /** The audit log names the token by it. */
  name: string;
  profileId: number;
  scope: ApiTokenScope;
  mayDisconnect: boolean;
}

/** A caller, or why the request gets 401 (in words the client can act on). */
export type Authentication = { ok: true; caller: ApiCaller } | { ok: false; why: string };

const createOne =
  'Create one in Session Desk (Automation API page) or with `npm run api-token -- create`.';

const day = (iso: string): string => iso.slice(0, 10);

/**
 * Checks a bearer token: it must exist, be neither revoked nor expired, and belong to the
 * profile Session Desk has open (the API answers from that profile's database only). A
 * token that opens the API is marked used.
 */
export function authenticate(
  store: LocalStore,
  openProfileId: number | null,
  secret: string | null,
  now: Date,
): Authentication {
  if (secret === null) {
    return {
      ok: false,
      why: `This request carries no API token: send it as "Authorization: Bearer <token>". ${createOne}`,
    };
  }
  const token = store.apiTokens.find(secret);
  if (!token) {
    return {
      ok: false,
      why: `Session Desk knows no such API token (mistyped, or made in another data folder). ${createOne}`,
    };
  }
  const state = apiTokenState(token, now);
  if (state === 'revoked') {
    return {
      ok: false,
      why: `The API token "${token.name}" was revoked on ${day(token.revokedAt!)}. ${createOne}`,
    };
  }
  if (state === 'expired') {
    return {
      ok: false,
      why: `The API token "${token.name}" expired on ${day(token.expiresAt)}. ${createOne}`,
    };
  }
  if (token.profileId !== openProfileId) {
    const owner = store.profiles.get(token.profileId)?.name ?? `#${token.profileId}`;
    const open =
      openProfileId === null
        ? 'Session Desk has no profile open'
        : `Session Desk has the profile "${store.profiles.get(openProfileId)?.name ?? openProfileId}" open`;
    return {
      ok: false,
      why:
        `The API token "${token.name}" belongs to the profile "${owner}", and ${open}: the API ` +
        `answers from the open profile's database only. Start browser mode with --profile "${owner}", ` +
        'or use a token of the open profile.',
    };
  }
  store.apiTokens.markUsed(token.id, now);
  return {
    ok: true,
    caller: {
      tokenId: token.id,
      name: token.name,
      profileId: token.profileId,
      scope: token.scope,
      mayDisconnect: token.mayDisconnect,
    },
  };
}
