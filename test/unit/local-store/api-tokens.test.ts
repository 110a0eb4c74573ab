import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { apiTokenDraftSchema, apiTokenState, type ApiTokenDraft } from '@contract';
import { describe, expect, it } from 'vitest';
import { openLocalStore, type LocalStore } from '../../../src-main/local-store';
import { auditEntry, catchOperatorError, profileDraft, useStoreFolder } from './fixtures';

const folder = useStoreFolder();
const open = () => openLocalStore(folder.file, folder.sealer);
const now = new Date('2026-11-21T10:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

const draft = (overrides: Partial<ApiTokenDraft> = {}): ApiTokenDraft =>
  apiTokenDraftSchema.parse({ name: 'billing', scope: { kind: 'admin' }, ...overrides });

function withProfile(): { store: LocalStore; profileId: number } {
  const store = open();
  return { store, profileId: store.profiles.save(profileDraft()).id };
}

describe('API tokens', () => {
  it('are shown once and kept only as their SHA-256', () => {
    const { store, profileId } = withProfile();
    const { token, secret } = store.apiTokens.create(profileId, draft(), now);
    store.close();

    expect(secret).toMatch(/^sdapi_[A-Za-z0-9_-]{43}$/);
    expect(token).toEqual({
      id: token.id,
      name: 'billing',
      scope: { kind: 'admin' },
      mayDisconnect: false,
      createdAt: '2026-11-21T10:00:00.000Z',
      expiresAt: '2027-02-19T10:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    });
    const db = new Database(folder.file);
    try {
      const row = db.prepare('SELECT token_sha256 FROM api_token').get() as {
        token_sha256: Buffer;
      };
      expect(row.token_sha256).toEqual(createHash('sha256').update(secret).digest());
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    // Neither the file nor its write-ahead log holds the token itself.
    for (const file of [folder.file, `${folder.file}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(secret.slice('sdapi_'.length)))).toBe(false);
    }
  });

  it('are found by their secret, and by nothing else', () => {
    const { store, profileId } = withProfile();
    const { token, secret } = store.apiTokens.create(
      profileId,
      draft({ scope: { kind: 'reseller', resellerId: 7 }, mayDisconnect: true }),
      now,
    );
    expect(store.apiTokens.find(secret)).toEqual({ ...token, profileId });
    expect(store.apiTokens.find(`${secret}x`)).toBeNull();
    expect(store.apiTokens.find(secret.slice('sdapi_'.length))).toBeNull();
    expect(store.apiTokens.find('')).toBeNull();
    store.close();
  });

  it('keep a live name unique per profile; a revoked one frees it', () => {
    const { store, profileId } = withProfile();
    const first = store.apiTokens.create(profileId, draft(), now);
    const taken = catchOperatorError(() =>
      store.apiTokens.create(profileId, draft({ name: 'BILLING' }), now),
    );
    expect(taken).toMatchObject({ code: 'INVALID_INPUT' });
    expect(taken.message).toMatch(/already has a token named "BILLING"/);

    const other = store.profiles.save(profileDraft({ name: 'Edge' }));
    store.apiTokens.create(other.id, draft(), now);

    store.apiTokens.revoke(profileId, first.token.id, now);
    const again = store.apiTokens.create(profileId, draft(), minutes(1));
    expect(store.apiTokens.list(profileId).map((t) => [t.id, t.revokedAt])).toEqual([
      [again.token.id, null],
      [first.token.id, now.toISOString()],
    ]);
    store.close();
  });

  it('are revoked once: a second revoke keeps the first time', () => {
    const { store, profileId } = withProfile();
    const { token, secret } = store.apiTokens.create(profileId, draft(), now);
    store.apiTokens.revoke(profileId, token.id, minutes(5));
    const again = store.apiTokens.revoke(profileId, token.id, minutes(9));
    expect(again.revokedAt).toBe(minutes(5).toISOString());
    expect(apiTokenState(store.apiTokens.find(secret)!, minutes(10))).toBe('revoked');
    expect(catchOperatorError(() => store.apiTokens.revoke(profileId, 999, now))).toMatchObject({
      code: 'NOT_FOUND',
    });
    store.close();
  });

  it("cannot be revoked through another profile's id", () => {
    const { store, profileId } = withProfile();
    const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
    const { token } = store.apiTokens.create(profileId, draft(), now);
    expect(catchOperatorError(() => store.apiTokens.revoke(edge.id, token.id, now))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(store.apiTokens.list(profileId)[0]!.revokedAt).toBeNull();
    store.close();
  });

  it('expire after their days', () => {
    const { store, profileId } = withProfile();
    const { secret } = store.apiTokens.create(profileId, draft({ expiresInDays: 1 }), now);
    const token = store.apiTokens.find(secret)!;
    expect(apiTokenState(token, minutes(24 * 60 - 1))).toBe('active');
    expect(apiTokenState(token, minutes(24 * 60))).toBe('expired');
    store.close();
  });

  it('note their last use at most once a minute', () => {
    const { store, profileId } = withProfile();
    const { token } = store.apiTokens.create(profileId, draft(), now);
    store.apiTokens.markUsed(token.id, minutes(1));
    store.apiTokens.markUsed(token.id, minutes(1.5));
    expect(store.apiTokens.list(profileId)[0]!.lastUsedAt).toBe(minutes(1).toISOString());
    store.apiTokens.markUsed(token.id, minutes(2.5));
    expect(store.apiTokens.list(profileId)[0]!.lastUsedAt).toBe(minutes(2.5).toISOString());
    store.close();
  });

  it('go with their profile; the audit entries that name them stay', () => {
    const { store, profileId } = withProfile();
    const { secret } = store.apiTokens.create(profileId, draft(), now);
    store.audit.record(profileId, auditEntry({ apiToken: 'billing' }));
    store.profiles.delete(profileId);
    expect(store.apiTokens.find(secret)).toBeNull();
    store.close();
    const db = new Database(folder.file);
    try {
      expect(db.prepare('SELECT api_token FROM audit_log').all()).toEqual([
        { api_token: 'billing' },
      ]);
      expect(() => db.prepare("UPDATE audit_log SET api_token = 'other'").run()).toThrow(
        /append-only/,
      );
    } finally {
      db.close();
    }
  });

  it('cannot be stored as a reseller token without a reseller', () => {
    const { store, profileId } = withProfile();
    store.close();
    const db = new Database(folder.file);
    try {
      const insert = db.prepare(
        `INSERT INTO api_token (profile_id, name, token_sha256, scope, reseller_id, may_disconnect,
                                created_at, expires_at)
         VALUES (?, 'x', randomblob(32), ?, ?, 0, '', '')`,
      );
      expect(() => insert.run(profileId, 'reseller', null)).toThrow(/CHECK/);
      expect(() => insert.run(profileId, 'admin', 7)).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

describe('a token draft', () => {
  it.each([
    [{ name: '' }, 'Token name is required.'],
    [{ name: 'a/b' }, 'A token name may hold letters, digits, spaces and . _ @ - only.'],
    [{ scope: { kind: 'reseller' } }, 'The reseller id must be a whole number (resellers.id).'],
    [{ scope: { kind: 'root' } }, 'The scope must be admin, or reseller with a reseller id.'],
    [{ expiresInDays: 0 }, 'A token lives at least 1 day.'],
    [{ expiresInDays: 4000 }, 'A token lives at most 3650 days.'],
  ])('%j is refused: %s', (overrides, message) => {
    const parsed = apiTokenDraftSchema.safeParse({
      name: 'ok',
      scope: { kind: 'admin' },
      ...overrides,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });
});
