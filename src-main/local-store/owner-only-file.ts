import { chmodSync, closeSync, existsSync, fchmodSync, fstatSync, openSync } from 'node:fs';

const groupOrOther = 0o077;

/**
 * The store file, created owner-only before SQLite opens it (SQLite gives its -wal and -shm
 * files the database file's mode), and tightened when an older version or a copy left it,
 * or those files, readable by others. The folder around it may be anyone's: an operator
 * can point --data-dir at a folder that already exists.
 */
export function ensureOwnerOnlyStoreFile(file: string): void {
  // Windows has no owner/group/other bits; its ACLs follow the user profile folder.
  if (process.platform === 'win32') return;
  const fd = openSync(file, 'a', 0o600);
  try {
    if ((fstatSync(fd).mode & groupOrOther) !== 0) fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
  for (const companion of [`${file}-wal`, `${file}-shm`]) {
    if (existsSync(companion)) chmodSync(companion, 0o600);
  }
}
