-- Optional: PostgreSQL itself keeps each scoped operator to its reseller tree, in psql or any
-- other client, not only in Session Desk. Session Desk works the same with or without it.
-- Needs session-desk-operators.sql first, and the panel tables (subscribers, resellers).
-- Run it as the owner of radacct, subscribers and resellers (or a superuser):
--   psql -d radius -f sql/session-desk-row-security.sql
-- It can be run again.
--
-- Who is limited: a role whose session_desk.operators row is not admin and lacks
-- sessions.view_all. It then reads only its tree's subscribers, their sessions in radacct,
-- and the resellers of its tree. Every other role (FreeRADIUS writing radacct, the panel,
-- admins, roles with no row) sees and writes exactly as before. Table owners and superusers
-- are never limited (PostgreSQL does not apply row security to them).
-- Cost: README, "Operators".
--
-- To remove it again:
--   ALTER TABLE radacct DISABLE ROW LEVEL SECURITY;
--   ALTER TABLE subscribers DISABLE ROW LEVEL SECURITY;
--   ALTER TABLE resellers DISABLE ROW LEVEL SECURITY;
--   DROP POLICY session_desk_scope ON radacct;
--   DROP POLICY session_desk_scope ON subscribers;
--   DROP POLICY session_desk_scope ON resellers;
--   DROP FUNCTION session_desk.sees_every_session(), session_desk.visible_reseller_ids(name);

DO $install$
DECLARE
  radacct text;
  subscribers text;
  resellers text;
BEGIN
  -- Tables as FreeRADIUS finds them (search_path), written schema-qualified into the
  -- functions: a role's own temporary table named "resellers" must not widen its scope.
  SELECT format('%I.%I', n.nspname, c.relname) INTO radacct
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.oid = to_regclass('radacct');
  SELECT format('%I.%I', n.nspname, c.relname) INTO subscribers
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.oid = to_regclass('subscribers');
  SELECT format('%I.%I', n.nspname, c.relname) INTO resellers
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.oid = to_regclass('resellers');
  IF to_regclass('session_desk.operators') IS NULL THEN
    RAISE EXCEPTION 'session_desk.operators is missing: run session-desk-operators.sql first';
  END IF;
  IF radacct IS NULL OR subscribers IS NULL OR resellers IS NULL THEN
    RAISE EXCEPTION 'radacct, subscribers and resellers must all exist: without the panel '
      'tables a reseller''s subscribers cannot be told apart, so there is nothing to limit';
  END IF;

  -- Whether the current role is unlimited: no operators row, admin, or sessions.view_all.
  -- Invoker's rights: a role reads its own row (the table's own-row policy).
  CREATE OR REPLACE FUNCTION session_desk.sees_every_session() RETURNS boolean
  LANGUAGE sql STABLE SET search_path = pg_catalog AS $fn$
    SELECT coalesce(
      (SELECT o.user_type = 'admin' OR 'sessions.view_all' = ANY (o.permissions)
         FROM session_desk.operators o WHERE o.role_name = current_user),
      true)
  $fn$;

  -- The operator's reseller and every reseller below it, at any depth (UNION: a parent_id
  -- loop ends). Definer's rights, because it must read resellers past the resellers policy
  -- that calls it; it answers only for a role the session may act as.
  EXECUTE format($fn$
    CREATE OR REPLACE FUNCTION session_desk.visible_reseller_ids(who name DEFAULT current_user)
    RETURNS integer[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $body$
      WITH RECURSIVE tree (id) AS (
        SELECT r.id FROM %1$s r
          JOIN session_desk.operators o ON o.reseller_id = r.id
         WHERE o.role_name = who AND pg_has_role(session_user, who, 'MEMBER')
        UNION
        SELECT child.id FROM %1$s child JOIN tree ON child.parent_id = tree.id)
      SELECT coalesce(array_agg(id), '{}') FROM tree
    $body$ $fn$, resellers);
  REVOKE ALL ON FUNCTION session_desk.visible_reseller_ids(name) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION session_desk.visible_reseller_ids(name) TO PUBLIC;

  -- (SELECT f()) runs each function once per query, not once per row.
  EXECUTE format('DROP POLICY IF EXISTS session_desk_scope ON %s', resellers);
  EXECUTE format($p$CREATE POLICY session_desk_scope ON %s USING (
      (SELECT session_desk.sees_every_session())
      OR id = ANY ((SELECT session_desk.visible_reseller_ids())::integer[]))$p$, resellers);
  EXECUTE format('DROP POLICY IF EXISTS session_desk_scope ON %s', subscribers);
  EXECUTE format($p$CREATE POLICY session_desk_scope ON %s USING (
      (SELECT session_desk.sees_every_session())
      OR reseller_id = ANY ((SELECT session_desk.visible_reseller_ids())::integer[]))$p$, subscribers);
  EXECUTE format('DROP POLICY IF EXISTS session_desk_scope ON %s', radacct);
  EXECUTE format($p$CREATE POLICY session_desk_scope ON %s USING (
      (SELECT session_desk.sees_every_session())
      OR username IN (SELECT s.username FROM %s s
                       WHERE s.reseller_id = ANY ((SELECT session_desk.visible_reseller_ids())::integer[])))$p$,
    radacct, subscribers);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', resellers);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', subscribers);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', radacct);
END
$install$;
