import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { OperatorError } from '../operator-error';

const secretKeyLength = 32;
const secretKeyFileName = 'secret.key';

/**
 * The AES-256 key that seals saved passwords where Electron's keychain is absent, kept in
 * `<dir>/secret.key`. Made on first use, owner-only; an existing key that other users could
 * read (or that is damaged) is refused rather than trusted or silently replaced.
 */
export function loadOrCreateSecretKey(dir: string): { key: Buffer; keyPath: string } {
  const keyPath = join(dir, secretKeyFileName);
  const existing = readSecretKey(keyPath);
  if (existing) return { key: existing, keyPath };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeSecretKeyOnce(keyPath);
  // Read back rather than trust what we wrote: another process may have won the race.
  const created = readSecretKey(keyPath);
  if (!created) throw keyFileError(keyPath, 'it vanished right after it was created');
  return { key: created, keyPath };
}

function readSecretKey(keyPath: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(keyPath, 'r');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw keyFileError(keyPath, `it cannot be opened (${errnoOf(error) ?? String(error)})`);
  }
  try {
    // fstat on the open descriptor: the file checked is the file read.
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw keyFileError(keyPath, 'it is not a regular file');
    // Windows has no owner/group/other mode bits; its ACLs follow the user profile folder.
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new OperatorError(
        'INTERNAL',
        `The key file ${keyPath} is open to other users (mode ${mode}), so saved passwords ` +
          `would not be secret. Run "chmod 600 ${keyPath}" and start Session Desk again.`,
      );
    }
    const key = readFileSync(fd);
    if (key.length !== secretKeyLength) {
      throw keyFileError(
        keyPath,
        `it is damaged (${key.length} bytes, expected ${secretKeyLength}). Move it aside to ` +
          `start with a new key; passwords saved with the old one must then be entered again`,
      );
    }
    return key;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a fresh key to a private draft, then links it into place: link never replaces an
 * existing file, so a key another process just made is kept, and nobody ever sees a
 * half-written key.
 */
function writeSecretKeyOnce(keyPath: string): void {
  const draftPath = `${keyPath}.${process.pid}.${randomBytes(6).toString('hex')}.draft`;
  try {
    const fd = openSync(draftPath, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(secretKeyLength));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(draftPath, keyPath);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw error;
    }
  } catch (error) {
    throw keyFileError(keyPath, `it cannot be created (${errnoOf(error) ?? String(error)})`);
  } finally {
    rmSync(draftPath, { force: true });
  }
}

function keyFileError(keyPath: string, what: string): OperatorError {
  return new OperatorError(
    'INTERNAL',
    `The key file that protects saved passwords (${keyPath}) cannot be used: ${what}.`,
  );
}

function errnoOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
