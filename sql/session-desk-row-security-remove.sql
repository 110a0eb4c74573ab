-- Takes sql/session-desk-row-security.sql out again: radacct, subscribers and resellers are
-- read by every role as before. session_desk.operators stays (Session Desk still reads it).
--   psql -d radius -f sql/session-desk-row-security-remove.sql

ALTER TABLE radacct DISABLE ROW LEVEL SECURITY;
ALTER TABLE subscribers DISABLE ROW LEVEL SECURITY;
ALTER TABLE resellers DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS session_desk_scope ON radacct;
DROP POLICY IF EXISTS session_desk_scope ON subscribers;
DROP POLICY IF EXISTS session_desk_scope ON resellers;
DROP POLICY IF EXISTS session_desk_everyone ON radacct;
DROP POLICY IF EXISTS session_desk_everyone ON subscribers;
DROP POLICY IF EXISTS session_desk_everyone ON resellers;
DROP TRIGGER IF EXISTS refresh_row_security ON session_desk.operators;
DROP FUNCTION IF EXISTS session_desk.operators_changed();
DROP FUNCTION IF EXISTS session_desk.refresh_row_security();
DROP FUNCTION IF EXISTS session_desk.visible_reseller_ids(name);
