-- Optional: PostgreSQL itself keeps each scoped operator to its reseller tree, in psql or any
-- other client, not only in Session Desk. Session Desk works the same with or without it.
-- Needs session-desk-operators.sql first, the panel tables (subscribers, resellers), and
-- PostgreSQL 11 or later. Run it as the owner of radacct, subscribers and resellers:
--   psql -d radius -f sql/session-desk-row-security.sql
-- It can be run again. To take it out: sql/session-desk-row-security-remove.sql.
--
-- Who is limited: each role whose session_desk.operators row is not admin and lacks
-- sessions.view_all. It then reads only its tree's subscribers, their sessions in radacct,
-- and the resellers of its tree. The policies name those roles, so every other role
-- (FreeRADIUS writing radacct, the panel, admins, roles with no row) runs exactly as before,
-- at no cost. Table owners and superusers are never limited.
-- The list follows session_desk.operators by itself: a change there re-creates the policies
-- (a brief ACCESS EXCLUSIVE lock on the three tables, given up after 5 s rather than holding
-- FreeRADIUS up). Create a role before its row; a role created after its row is limited from
-- SELECT session_desk.refresh_row_security(); delete a role's row before DROP ROLE.
-- Cost: README, "Operators".

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

  -- The limiting policies, re-created for the scoped roles of session_desk.operators that
  -- exist. Restrictive: on top of the permissive policy below, which lets everyone see all.
  -- (SELECT f()) runs the function once per query, not once per row.
  EXECUTE format($fn$
    CREATE OR REPLACE FUNCTION session_desk.refresh_row_security() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog SET lock_timeout = '5s'
    AS $body$
    DECLARE
      scoped text;
    BEGIN
      SELECT string_agg(quote_ident(o.role_name), ', ' ORDER BY o.role_name) INTO scoped
        FROM session_desk.operators o JOIN pg_roles r ON r.rolname = o.role_name
       WHERE o.user_type <> 'admin' AND NOT ('sessions.view_all' = ANY (o.permissions));
      DROP POLICY IF EXISTS session_desk_scope ON %1$s;
      DROP POLICY IF EXISTS session_desk_scope ON %2$s;
      DROP POLICY IF EXISTS session_desk_scope ON %3$s;
      IF scoped IS NULL THEN
        RETURN;
      END IF;
      EXECUTE format('CREATE POLICY session_desk_scope ON %1$s AS RESTRICTIVE TO %%s USING (
          id = ANY ((SELECT session_desk.visible_reseller_ids())::integer[]))', scoped);
      EXECUTE format('CREATE POLICY session_desk_scope ON %2$s AS RESTRICTIVE TO %%s USING (
          reseller_id = ANY ((SELECT session_desk.visible_reseller_ids())::integer[]))', scoped);
      EXECUTE format('CREATE POLICY session_desk_scope ON %3$s AS RESTRICTIVE TO %%s USING (
          username IN (SELECT s.username FROM %2$s s
            WHERE s.reseller_id = ANY ((SELECT session_desk.visible_reseller_ids())::integer[])))',
        scoped);
    END
    $body$ $fn$, resellers, subscribers, radacct);
  REVOKE ALL ON FUNCTION session_desk.refresh_row_security() FROM PUBLIC;

  CREATE OR REPLACE FUNCTION session_desk.operators_changed() RETURNS trigger
  LANGUAGE plpgsql AS $fn$
  BEGIN
    PERFORM session_desk.refresh_row_security();
    RETURN NULL;
  END
  $fn$;
  DROP TRIGGER IF EXISTS refresh_row_security ON session_desk.operators;
  CREATE TRIGGER refresh_row_security
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON session_desk.operators
    FOR EACH STATEMENT EXECUTE FUNCTION session_desk.operators_changed();

  EXECUTE format('DROP POLICY IF EXISTS session_desk_everyone ON %s', resellers);
  EXECUTE format('CREATE POLICY session_desk_everyone ON %s USING (true)', resellers);
  EXECUTE format('DROP POLICY IF EXISTS session_desk_everyone ON %s', subscribers);
  EXECUTE format('CREATE POLICY session_desk_everyone ON %s USING (true)', subscribers);
  EXECUTE format('DROP POLICY IF EXISTS session_desk_everyone ON %s', radacct);
  EXECUTE format('CREATE POLICY session_desk_everyone ON %s USING (true)', radacct);
  PERFORM session_desk.refresh_row_security();
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', resellers);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', subscribers);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', radacct);
END
$install$;
