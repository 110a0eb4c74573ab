/**
 * The local store's schema, one numbered step at a time. Steps are append-only: a store on
 * an operator's disk has already run the old ones, so a change is always a new step.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- Names compare without case: "Core" and "core" side by side would only confuse.
      CREATE TABLE profile (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        host TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        database_name TEXT NOT NULL,
        user_name TEXT NOT NULL,
        ssl_mode TEXT NOT NULL CHECK (ssl_mode IN ('disable', 'prefer', 'require', 'verify-full')),
        -- Only ever sealed bytes (see secrets/); NULL when no password is saved.
        password_sealed BLOB
      ) STRICT;

      CREATE TABLE saved_filter (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
        name TEXT NOT NULL COLLATE NOCASE,
        -- JSON of { filter, sort, pageSize }, validated with the contract on every read.
        view TEXT NOT NULL,
        UNIQUE (profile_id, name)
      ) STRICT;

      -- One row: what the desk remembers between runs.
      CREATE TABLE desk_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        settings TEXT NOT NULL DEFAULT '{}',
        last_profile_id INTEGER REFERENCES profile (id) ON DELETE SET NULL
      ) STRICT;
      INSERT INTO desk_state (id) VALUES (1);
    `,
  },
];
