import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where browser mode keeps its local store when no --data-dir is given. */
export function defaultDataFolder(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'session-desk');
}

/** Create the folder owner-only: it holds the store and the key that seals passwords. */
export function ensureDataFolder(folder: string): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

export const localStoreFile = (folder: string): string => join(folder, 'session-desk.sqlite');

/** Browser mode writes exports here (it has no save dialog) and serves them for download. */
export const exportsFolder = (folder: string): string => join(folder, 'exports');
