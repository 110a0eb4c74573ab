import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { OperatorError } from '../operator-error';
import type { Sealer } from './sealer';
import { loadOrCreateSecretKey } from './secret-key-file';

// Sealed layout: version (1 byte) | IV (12) | GCM tag (16) | ciphertext. The version byte
// is also authenticated, so a later format can never be confused with this one.
const formatVersion = 1;
const ivLength = 12;
const tagLength = 16;
const headerLength = 1 + ivLength + tagLength;

/**
 * Seals secrets with AES-256-GCM under a key kept in `<dir>/secret.key`: for where Electron's
 * keychain is absent (browser mode, tests). Throws an OperatorError if the key file is
 * unsafe or damaged.
 */
export function createKeyFileSealer(dir: string): Sealer {
  const { key, keyPath } = loadOrCreateSecretKey(dir);
  const versionTag = Buffer.from([formatVersion]);

  const unsealable = (why: string) =>
    new OperatorError(
      'INTERNAL',
      `A saved secret cannot be unsealed with the key file ${keyPath}: ${why}.`,
    );

  return {
    kind: 'key-file',

    seal(plain) {
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
      cipher.setAAD(versionTag);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([versionTag, iv, cipher.getAuthTag(), ciphertext]);
    },

    unseal(sealed) {
      if (sealed.length < headerLength) throw unsealable('it is truncated');
      if (sealed[0] !== formatVersion) {
        throw unsealable(`it is in an unknown format (version ${String(sealed[0])})`);
      }
      const iv = sealed.subarray(1, 1 + ivLength);
      const tag = sealed.subarray(1 + ivLength, headerLength);
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
      decipher.setAAD(versionTag);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([
          decipher.update(sealed.subarray(headerLength)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw unsealable('it was altered, or sealed with a different key file');
      }
    },
  };
}
