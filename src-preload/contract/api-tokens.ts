import { z } from 'zod';
import { requiredText } from './text';

/** Where browser mode serves the Automation API (GraphQL over HTTP POST). */
export const graphqlPath = '/graphql';

/**
 * What an API token may see, never more than the profile's operator: `admin` acts with the
 * operator's own scope; `reseller` is limited to that reseller's tree (and to the part of it
 * the operator sees).
 */
export type ApiTokenScope = { kind: 'admin' } | { kind: 'reseller'; resellerId: number };

/** How long a new token lives when nobody says otherwise, and the longest allowed. */
export const defaultApiTokenDays = 90;
export const maxApiTokenDays = 3650;

export const apiTokenScopeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('admin') }),
    z.strictObject({
      kind: z.literal('reseller'),
      resellerId: z
        .int({ error: 'The reseller id must be a whole number (resellers.id).' })
        .positive({ error: 'The reseller id must be a positive number (resellers.id).' })
        .max(2_147_483_647, { error: 'The reseller id is past the largest resellers.id.' }),
    }),
  ],
  { error: 'The scope must be admin, or reseller with a reseller id.' },
);

/** A new token as the Automation API page or `npm run api-token -- create` describes it. */
export const apiTokenDraftSchema = z.strictObject({
  /** Who uses it, e.g. "billing" or "support-bot": the audit log names the token by it. */
  name: requiredText('Token name', 60).refine((name) => /^[\p{L}\p{N} ._@-]+$/u.test(name), {
    error: 'A token name may hold letters, digits, spaces and . _ @ - only.',
  }),
  scope: apiTokenScopeSchema,
  /** Whether the token may disconnect sessions (the operator still needs subscribers.disconnect). */
  mayDisconnect: z.boolean({ error: 'May disconnect must be on or off.' }).default(false),
  expiresInDays: z
    .int({ error: 'The lifetime must be a whole number of days.' })
    .min(1, { error: 'A token lives at least 1 day.' })
    .max(maxApiTokenDays, { error: `A token lives at most ${maxApiTokenDays} days.` })
    .default(defaultApiTokenDays),
});
export type ApiTokenDraft = z.output<typeof apiTokenDraftSchema>;

export const apiTokenIdSchema = z.strictObject({
  id: z
    .int({ error: 'Token id must be a number.' })
    .positive({ error: 'Token id must be a number.' }),
});

/** A token as it is listed: never its secret, which only its hash remembers. */
export interface ApiTokenSummary {
  id: number;
  name: string;
  scope: ApiTokenScope;
  mayDisconnect: boolean;
  /** ISO 8601. */
  createdAt: string;
  expiresAt: string;
  /** The last request it made (kept to the minute); null: never used. */
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What creating a token returns: the secret, shown this once and never again. */
export interface CreatedApiToken {
  token: ApiTokenSummary;
  secret: string;
}

export type ApiTokenState = 'active' | 'expired' | 'revoked';

/** Whether a token still opens the API at `now`: one rule for the list and for main's check. */
export function apiTokenState(
  token: Pick<ApiTokenSummary, 'expiresAt' | 'revokedAt'>,
  now: Date,
): ApiTokenState {
  if (token.revokedAt !== null) return 'revoked';
  return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/** "admin" or "reseller 7": how a scope reads in lists, the CLI and messages. */
export function apiTokenScopeWords(scope: ApiTokenScope): string {
  return scope.kind === 'admin' ? 'admin' : `reseller ${scope.resellerId}`;
}
