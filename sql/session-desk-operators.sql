-- Session Desk operators: who each NOC operator's PostgreSQL role is, and what it may see and do.
-- The DBA runs this once in the FreeRADIUS database, as the role that should administer it:
--   psql -d radius -f sql/session-desk-operators.sql
-- It can be run again: it changes nothing that is already there.
--
-- Without this table Session Desk treats every role as the administrator of its own database
-- (every permission, every session). With it, a role sees and does only what its row says,
-- and a role with no row may do nothing at all.
--
-- user_type: admin sees every session. reseller, sub-reseller, support, collector and
--   read-only are tied to reseller_id: they see the sessions of that reseller's subscribers and
--   of every sub-reseller below it (resellers.parent_id, at any depth), unless permissions
--   hold sessions.view_all (then reseller_id may be left NULL: ISP-wide staff).
-- permissions: any of sessions.view, sessions.view_all, subscribers.disconnect,
--   sessions.cleanup. Left empty (or NULL), the user type's defaults apply:
--     admin                                every permission
--     reseller, sub-reseller, support      sessions.view, subscribers.disconnect
--     collector, read-only                 sessions.view
--   To take everything away from a role, delete its row.
-- Session Desk reads the row when it connects: reconnect (or switch profile) after a change.

CREATE SCHEMA IF NOT EXISTS session_desk;

CREATE TABLE IF NOT EXISTS session_desk.operators (
	role_name	name PRIMARY KEY,
	user_type	text NOT NULL CHECK (user_type IN
			  ('admin', 'reseller', 'sub-reseller', 'support', 'collector', 'read-only')),
	-- resellers.id of the panel; no foreign key, as a stock FreeRADIUS database has no resellers.
	reseller_id	integer,
	permissions	text[] NOT NULL DEFAULT '{}' CHECK (permissions <@ ARRAY[
			  'sessions.view', 'sessions.view_all', 'subscribers.disconnect',
			  'sessions.cleanup']::text[]),
	note		text,
	-- Only an administrator, or staff who see every session, is tied to no reseller.
	CHECK (user_type = 'admin' OR reseller_id IS NOT NULL
	       OR 'sessions.view_all' = ANY (permissions))
);

COMMENT ON TABLE session_desk.operators IS
  'Session Desk operators: user type, reseller and permissions of each PostgreSQL role';

-- Every role may read its own row, and only its own: Session Desk looks itself up with
-- current_user. The owner (the DBA running this script) reads and edits them all.
ALTER TABLE session_desk.operators ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_row ON session_desk.operators;
CREATE POLICY own_row ON session_desk.operators FOR SELECT USING (role_name = current_user);
GRANT USAGE ON SCHEMA session_desk TO PUBLIC;
GRANT SELECT ON session_desk.operators TO PUBLIC;

-- Whoever installs the table administers the database: Session Desk keeps working for them.
INSERT INTO session_desk.operators (role_name, user_type, note)
VALUES (current_user, 'admin', 'installed session-desk-operators.sql')
ON CONFLICT (role_name) DO NOTHING;
