/**
 * The local store's schema, one numbered step at a time. Steps are append-only: a store on
 * an operator's disk has already run the old ones, so a change is always a new step.
 */
import type { Database } from 'better-sqlite3';
import { admitAuditAction } from './admit-audit-action';

export interface Migration {
  version: number;
  sql: string;
  /** A step SQL alone cannot say (it reads the schema as it stands); same transaction. */
  then?: (db: Database) => void;
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
  {
    version: 2,
    sql: `
      -- How to reach each NAS of a profile: RouterOS API login and CoA port and secret.
      CREATE TABLE nas_access (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
        nas_ip TEXT NOT NULL,
        api_user TEXT,
        -- Only ever sealed bytes (see secrets/); NULL when none is saved.
        api_password_sealed BLOB,
        api_port INTEGER NOT NULL CHECK (api_port BETWEEN 1 AND 65535),
        api_tls INTEGER NOT NULL CHECK (api_tls IN (0, 1)),
        coa_port INTEGER NOT NULL CHECK (coa_port BETWEEN 1 AND 65535),
        coa_secret_sealed BLOB,
        UNIQUE (profile_id, nas_ip)
      ) STRICT;

      -- Every disconnect, kept after its profile is deleted: the record of who kicked whom
      -- must outlive the settings it was made with.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER REFERENCES profile (id) ON DELETE SET NULL,
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        db_role TEXT,
        action TEXT NOT NULL CHECK (action IN ('disconnect', 'bulk-disconnect')),
        username TEXT NOT NULL,
        nas_ip TEXT NOT NULL,
        acct_session_id TEXT,
        radacct_id TEXT,
        path TEXT CHECK (path IN ('routeros-api', 'coa')),
        result TEXT NOT NULL CHECK (result IN ('done', 'still-online', 'failed', 'cancelled')),
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_by_profile ON audit_log (profile_id, id);

      -- Append-only, so a bug cannot rewrite history; the one change allowed is the
      -- profile link going NULL when its profile is deleted.
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TRIGGER audit_log_no_rewrite
      BEFORE UPDATE OF id, at, os_user, db_role, action, username, nas_ip, acct_session_id,
        radacct_id, path, result, detail ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TRIGGER audit_log_no_relink BEFORE UPDATE OF profile_id ON audit_log
      WHEN NEW.profile_id IS NOT NULL
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
    `,
  },
  {
    version: 3,
    sql: `
      -- The API-SSL certificate the operator trusts for this NAS, SSH-style: its SHA-256 as
      -- AA:BB:… (95 characters). Not a secret: it is shown. NULL: a CA must vouch for it.
      ALTER TABLE nas_access ADD COLUMN api_tls_fingerprint TEXT
        CHECK (api_tls_fingerprint IS NULL OR (length(api_tls_fingerprint) = 95
               AND api_tls_fingerprint NOT GLOB '*[^0-9A-F:]*'));
    `,
  },
  {
    version: 4,
    sql: `
      -- Bulk disconnect runs, so the audit log can group a run's entries under it and filter
      -- by it. Written once when the run starts; append-only like the log itself.
      CREATE TABLE disconnect_run (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER REFERENCES profile (id) ON DELETE SET NULL,
        started_at TEXT NOT NULL,
        description TEXT NOT NULL,
        total INTEGER NOT NULL CHECK (total >= 0)
      ) STRICT;
      CREATE INDEX disconnect_run_by_profile ON disconnect_run (profile_id, id);
      CREATE TRIGGER disconnect_run_no_delete BEFORE DELETE ON disconnect_run
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TRIGGER disconnect_run_no_rewrite
      BEFORE UPDATE OF id, started_at, description, total ON disconnect_run
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TRIGGER disconnect_run_no_relink BEFORE UPDATE OF profile_id ON disconnect_run
      WHEN NEW.profile_id IS NOT NULL
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;

      -- Each disconnect of a run names it; NULL for a single Disconnect.
      ALTER TABLE audit_log ADD COLUMN run_id INTEGER REFERENCES disconnect_run (id);
      CREATE INDEX audit_log_by_run ON audit_log (run_id, id) WHERE run_id IS NOT NULL;
      -- The new column is history too: the no-rewrite trigger now covers it.
      DROP TRIGGER audit_log_no_rewrite;
      CREATE TRIGGER audit_log_no_rewrite
      BEFORE UPDATE OF id, at, os_user, db_role, action, username, nas_ip, acct_session_id,
        radacct_id, path, result, detail, run_id ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;

      -- Refuse Disconnect-ACK/NAK replies without a Message-Authenticator from this NAS.
      ALTER TABLE nas_access ADD COLUMN require_message_authenticator INTEGER NOT NULL DEFAULT 0
        CHECK (require_message_authenticator IN (0, 1));
    `,
  },
  {
    version: 5,
    sql: `
      -- Who acted, beyond the OS user and the database role: the operator's user type and
      -- reseller from session_desk.operators. NULL user type: the database had no operators
      -- table, so the role administered it (and every entry written before this step).
      ALTER TABLE audit_log ADD COLUMN user_type TEXT
        CHECK (user_type IS NULL OR user_type IN
               ('admin', 'reseller', 'sub-reseller', 'support', 'collector', 'read-only'));
      ALTER TABLE audit_log ADD COLUMN reseller_id INTEGER;
      ALTER TABLE audit_log ADD COLUMN reseller_name TEXT;
      CREATE TRIGGER audit_log_no_rewrite_operator
      BEFORE UPDATE OF user_type, reseller_id, reseller_name ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
    `,
  },
  {
    version: 6,
    sql: `
      -- Drop alerts are computed from radacct on every read; an acknowledgement is what
      -- keeps one from being raised again. Who acknowledged is in the audit log as well.
      CREATE TABLE drop_acknowledgement (
        profile_id INTEGER NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
        alert_id TEXT NOT NULL CHECK (length(alert_id) BETWEEN 1 AND 200),
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        PRIMARY KEY (profile_id, alert_id)
      ) STRICT;

      -- When a NAS's drop raises an alert, per profile; no row means the defaults.
      CREATE TABLE drop_thresholds (
        profile_id INTEGER PRIMARY KEY REFERENCES profile (id) ON DELETE CASCADE,
        drop_percent INTEGER NOT NULL CHECK (drop_percent BETWEEN 5 AND 100),
        min_sessions INTEGER NOT NULL CHECK (min_sessions BETWEEN 1 AND 1000000),
        window_minutes INTEGER NOT NULL CHECK (window_minutes BETWEEN 1 AND 60),
        mass_end_sessions INTEGER NOT NULL CHECK (mass_end_sessions BETWEEN 1 AND 1000000)
      ) STRICT;
    `,
    // The audit log records acknowledgements too.
    then: (db) => admitAuditAction(db, 'acknowledge-drop'),
  },
  {
    version: 7,
    sql: `
      -- Bearer tokens of the Automation API (/graphql), per profile. Only the SHA-256 of a
      -- token is kept: it is 32 random bytes, so a fast hash is as good as a slow one, and a
      -- copy of this file opens nothing. Revoked tokens stay listed (the audit log names them).
      CREATE TABLE api_token (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
        name TEXT NOT NULL COLLATE NOCASE,
        token_sha256 BLOB NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
        scope TEXT NOT NULL CHECK (scope IN ('admin', 'reseller')),
        reseller_id INTEGER CHECK ((scope = 'reseller') = (reseller_id IS NOT NULL)),
        may_disconnect INTEGER NOT NULL CHECK (may_disconnect IN (0, 1)),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      ) STRICT;
      -- Two live tokens of one name would make the audit log ambiguous.
      CREATE UNIQUE INDEX api_token_live_name ON api_token (profile_id, name)
        WHERE revoked_at IS NULL;

      -- The token a disconnect came through, by name; NULL: someone at the screen.
      ALTER TABLE audit_log ADD COLUMN api_token TEXT;
      CREATE TRIGGER audit_log_no_rewrite_api_token BEFORE UPDATE OF api_token ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
    `,
  },
  {
    version: 8,
    sql: `
      -- The Sessions table's columns and density, per profile: a JSON object the renderer
      -- reads (column ids it does not know are ignored, so versions can differ).
      CREATE TABLE table_layout (
        profile_id INTEGER PRIMARY KEY REFERENCES profile (id) ON DELETE CASCADE,
        layout TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 9,
    sql: `
      -- The stale rule's threshold and the sweeper's switch, per profile; no row: 30 minutes,
      -- sweeper off. The sweeper writes to radacct, so it stays off until someone with
      -- sessions.cleanup turns it on; who did and when is kept here and in the audit log.
      CREATE TABLE cleanup_settings (
        profile_id INTEGER PRIMARY KEY REFERENCES profile (id) ON DELETE CASCADE,
        stale_after_seconds INTEGER NOT NULL CHECK (stale_after_seconds BETWEEN 600 AND 604800),
        sweeper_enabled INTEGER NOT NULL CHECK (sweeper_enabled IN (0, 1)),
        changed_by TEXT,
        changed_at TEXT
      ) STRICT;

      -- A NAS whose sessions all went quiet together is held by the sweeper until an operator
      -- confirms it is the subscribers, not the NAS: the confirmation holds for that silence
      -- (sessions last heard up to silent_since), not for the next one.
      CREATE TABLE silent_nas_confirmation (
        profile_id INTEGER NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
        nas_ip TEXT NOT NULL CHECK (length(nas_ip) BETWEEN 1 AND 100),
        confirmed_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL,
        PRIMARY KEY (profile_id, nas_ip)
      ) STRICT;
    `,
    // Sweeps, ghost closes, the switch and a silence confirmed are audited like disconnects.
    then: (db) => {
      for (const action of [
        'sweep-close',
        'ghost-close',
        'sweeper-setting',
        'confirm-silent-nas',
      ]) {
        admitAuditAction(db, action);
      }
    },
  },
  {
    version: 10,
    sql: `
      -- A profile on a read-only hot standby: the primary its few writes go to (same
      -- database, user, password and SSL mode). NULL host: none; NULL port: the standby's.
      ALTER TABLE profile ADD COLUMN primary_host TEXT;
      ALTER TABLE profile ADD COLUMN primary_port INTEGER CHECK (primary_port BETWEEN 1 AND 65535);
    `,
  },
];
