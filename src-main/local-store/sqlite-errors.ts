import Database from 'better-sqlite3';

export type ConstraintKind = 'UNIQUE' | 'FOREIGNKEY';

/** True when SQLite refused a write because of the given kind of constraint. */
export function violates(error: unknown, kind: ConstraintKind): boolean {
  return error instanceof Database.SqliteError && error.code === `SQLITE_CONSTRAINT_${kind}`;
}
