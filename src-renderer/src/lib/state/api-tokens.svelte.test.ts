import type { ApiTokenSummary, CreatedApiToken, Result } from '@contract';
import { describe, expect, it } from 'vitest';
import { ApiTokenBook, type ApiTokenCalls } from './api-tokens.svelte';

const token = (id: number, overrides: Partial<ApiTokenSummary> = {}): ApiTokenSummary => ({
  id,
  name: `token-${id}`,
  scope: { kind: 'admin' },
  mayDisconnect: false,
  createdAt: '2026-11-21T10:00:00.000Z',
  expiresAt: '2027-02-19T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...overrides,
});

const ok = <T>(data: T): Result<T> => ({ ok: true, data });

/** Calls answered as main would, over a list the test starts with. */
function book(start: ApiTokenSummary[], refuse: Partial<Record<keyof ApiTokenCalls, string>> = {}) {
  let next = 100;
  const calls: ApiTokenCalls = {
    list: async () => ok(start),
    create: async (draft) =>
      refuse.create
        ? { ok: false, error: { code: 'INVALID_INPUT', message: refuse.create } }
        : ok<CreatedApiToken>({
            token: token(next++, { name: draft.name }),
            secret: 'sdapi_secret',
          }),
    revoke: async (id) =>
      refuse.revoke
        ? { ok: false, error: { code: 'NOT_FOUND', message: refuse.revoke } }
        : ok(token(id, { revokedAt: '2026-11-22T00:00:00.000Z' })),
  };
  return new ApiTokenBook(calls);
}

describe('ApiTokenBook', () => {
  it('puts a new token first and holds its secret until Done, then forgets it', async () => {
    const tokens = book([token(1)]);
    await tokens.load();
    expect(await tokens.create({ name: 'billing', scope: { kind: 'admin' } })).toBe(true);
    expect(tokens.tokens.map((t) => t.name)).toEqual(['billing', 'token-1']);
    expect(tokens.created?.secret).toBe('sdapi_secret');
    tokens.dismissSecret();
    expect(tokens.created).toBeNull();
    expect(JSON.stringify(tokens.tokens)).not.toContain('sdapi_secret');
  });

  it("shows main's refusal and keeps the list as it was", async () => {
    const tokens = book([token(1)], {
      create: 'This profile already has a token named "billing".',
    });
    await tokens.load();
    expect(await tokens.create({ name: 'billing', scope: { kind: 'admin' } })).toBe(false);
    expect(tokens.error?.message).toMatch(/already has a token/);
    expect(tokens.tokens).toHaveLength(1);
    expect(tokens.created).toBeNull();
  });

  it('revokes only the token asked about, once confirmed', async () => {
    const tokens = book([token(1), token(2)]);
    await tokens.load();
    await tokens.revoke();
    expect(tokens.tokens.every((t) => t.revokedAt === null)).toBe(true);

    tokens.askRevoke(2);
    tokens.keep();
    await tokens.revoke();
    expect(tokens.tokens.every((t) => t.revokedAt === null)).toBe(true);

    tokens.askRevoke(2);
    await tokens.revoke();
    expect(tokens.tokens.map((t) => t.revokedAt !== null)).toEqual([false, true]);
    expect(tokens.revoking).toBeNull();
  });

  it('takes the secret off screen when that very token is revoked', async () => {
    const tokens = book([]);
    await tokens.create({ name: 'oops', scope: { kind: 'admin' } });
    tokens.askRevoke(tokens.created!.token.id);
    await tokens.revoke();
    expect(tokens.created).toBeNull();
  });
});
