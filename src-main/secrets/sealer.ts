/**
 * Turns a secret (a database or NAS password) into bytes that are safe to keep on disk,
 * and back. unseal throws an OperatorError when the bytes were altered or sealed by
 * another key, so a damaged secret is reported rather than returned as garbage.
 */
export interface Sealer {
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
  /** safe-storage: the OS keychain through Electron; key-file: a local key, where Electron is absent. */
  readonly kind: 'safe-storage' | 'key-file';
}
