import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchOperatorError } from '../../support/operator-errors';
import { createKeyFileSealer } from '../../../src-main/secrets/key-file-sealer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'session-desk-sealer-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const keyPath = () => join(dir, 'secret.key');

describe('key file', () => {
  it.skipIf(process.platform === 'win32')(
    'is created owner-only (0600) with 32 random bytes',
    () => {
      createKeyFileSealer(dir);
      const stat = statSync(keyPath());
      expect(stat.mode & 0o777).toBe(0o600);
      expect(stat.size).toBe(32);
      expect(readdirSync(dir)).toEqual(['secret.key']);
    },
  );

  it('is created together with a missing folder', () => {
    const nested = join(dir, 'data', 'desk');
    createKeyFileSealer(nested);
    expect(readdirSync(nested)).toEqual(['secret.key']);
  });

  it('is reused when it exists: a second sealer unseals what the first sealed', () => {
    const sealed = createKeyFileSealer(dir).seal('radius-secret');
    expect(createKeyFileSealer(dir).unseal(sealed)).toBe('radius-secret');
  });

  it.skipIf(process.platform === 'win32')('is refused when other users can read it (0644)', () => {
    createKeyFileSealer(dir);
    chmodSync(keyPath(), 0o644);
    const error = catchOperatorError(() => createKeyFileSealer(dir));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(keyPath());
    expect(error.message).toContain('0644');
    expect(error.message).toContain('chmod 600');
  });

  it.skipIf(process.platform === 'win32')('is refused when group can write it (0620)', () => {
    createKeyFileSealer(dir);
    chmodSync(keyPath(), 0o620);
    expect(catchOperatorError(() => createKeyFileSealer(dir)).message).toContain('0620');
  });

  it('is refused, not replaced, when damaged', () => {
    writeFileSync(keyPath(), 'not a key', { mode: 0o600 });
    const error = catchOperatorError(() => createKeyFileSealer(dir));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/damaged \(9 bytes, expected 32\)/);
    expect(statSync(keyPath()).size).toBe(9);
  });

  it('is refused when it is a folder', () => {
    mkdirSync(keyPath());
    expect(catchOperatorError(() => createKeyFileSealer(dir)).message).toContain(
      'not a regular file',
    );
  });
});

describe('sealing', () => {
  it('round-trips any text, including empty and non-ASCII', () => {
    const sealer = createKeyFileSealer(dir);
    for (const plain of ['', 's3cr3t', 'pässwörd ✓ 密码', 'x'.repeat(1024)]) {
      expect(sealer.unseal(sealer.seal(plain))).toBe(plain);
    }
    expect(sealer.kind).toBe('key-file');
  });

  it('never repeats: the same password seals to different bytes', () => {
    const sealer = createKeyFileSealer(dir);
    const first = sealer.seal('same');
    const second = sealer.seal('same');
    expect(first.equals(second)).toBe(false);
    expect(first.includes('same')).toBe(false);
  });

  it('writes a versioned layout: 1 version byte, 12 IV, 16 tag, then the ciphertext', () => {
    const sealed = createKeyFileSealer(dir).seal('abcd');
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + 16 + 4);
  });

  it.each([
    ['the version byte', 0],
    ['the IV', 5],
    ['the tag', 20],
    ['the ciphertext', 30],
  ])('refuses data with %s altered', (_part, offset) => {
    const sealer = createKeyFileSealer(dir);
    const sealed = sealer.seal('hunter2hunter2');
    sealed[offset]! ^= 0x01;
    const error = catchOperatorError(() => sealer.unseal(sealed));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/cannot be unsealed/);
  });

  it('refuses truncated data with words', () => {
    const sealer = createKeyFileSealer(dir);
    const sealed = sealer.seal('hunter2');
    expect(catchOperatorError(() => sealer.unseal(sealed.subarray(0, 20))).message).toContain(
      'truncated',
    );
    expect(
      catchOperatorError(() => sealer.unseal(sealed.subarray(0, sealed.length - 1))).message,
    ).toContain('altered');
  });

  it('cannot unseal with a key from another folder', () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'session-desk-sealer-other-'));
    try {
      const sealed = createKeyFileSealer(dir).seal('hunter2');
      const error = catchOperatorError(() => createKeyFileSealer(otherDir).unseal(sealed));
      expect(error.message).toContain('different key file');
      expect(error.message).toContain(join(otherDir, 'secret.key'));
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
