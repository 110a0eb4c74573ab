import { safeStorage } from 'electron';
import { OperatorError } from './operator-error';
import type { Sealer } from './secrets/sealer';

/**
 * Seals secrets with the OS keychain through Electron's safeStorage; call it after the app
 * is ready. It refuses instead of degrading: on Linux without a keyring, Chromium falls back
 * to 'basic_text', a fixed built-in key, which is plain text in all but name.
 */
export function createSafeStorageSealer(): Sealer {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new OperatorError(
      'INTERNAL',
      'Saved passwords cannot be protected: this workstation offers no keychain to Session ' +
        'Desk. Unlock or start the desktop keyring (GNOME Keyring, KWallet, macOS Keychain) ' +
        'and start Session Desk again.',
    );
  }
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      throw new OperatorError(
        'INTERNAL',
        `Saved passwords cannot be protected: no desktop keyring was found (backend ` +
          `"${backend}"), so they would be stored as plain text. Start GNOME Keyring or ` +
          `KWallet, or launch with --password-store=gnome-libsecret, and start Session ` +
          `Desk again.`,
      );
    }
  }
  return {
    kind: 'safe-storage',
    seal: (plain) => safeStorage.encryptString(plain),
    unseal(sealed) {
      try {
        return safeStorage.decryptString(sealed);
      } catch (error) {
        throw new OperatorError(
          'INTERNAL',
          `A saved secret cannot be unsealed with this workstation's keychain: ` +
            `${error instanceof Error ? error.message : String(error)}.`,
        );
      }
    },
  };
}
