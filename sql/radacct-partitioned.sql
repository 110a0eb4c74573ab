-- radacct partitioned by start time, for FreeRADIUS 3.2 (rlm_sql postgresql) and Session Desk.
--
-- The stock FreeRADIUS PostgreSQL radacct (mods-config/sql/main/postgresql/schema.sql), with
-- the same columns and types, declared PARTITION BY RANGE (AcctStartTime): one partition per
-- month and a DEFAULT partition for anything outside them. Run it as the owner of the
-- FreeRADIUS database on a database WITHOUT a radacct (rename the old one first, see README):
--
--   psql -v ON_ERROR_STOP=1 -d radius -f radacct-partitioned.sql
--
-- What differs from the stock table, and why:
--
-- * PostgreSQL requires every unique constraint of a partitioned table to include the
--   partition key. So the primary key is (RadAcctId, AcctStartTime); RadAcctId still comes
--   from one sequence, so it stays unique in practice. AcctStartTime becomes NOT NULL
--   (FreeRADIUS's stock queries always set it).
-- * AcctUniqueId cannot be declared UNIQUE. The trigger radacct_unique_session keeps it unique
--   across all partitions instead (serialised per id with an advisory lock) and raises the
--   same error a unique index would (SQLSTATE 23505), so FreeRADIUS falls back to its
--   alternative query exactly as it does on the stock table.
-- * Because no unique index on AcctUniqueId alone can exist, PostgreSQL rejects the stock
--   queries' three "ON CONFLICT (AcctUniqueId) ..." clauses (start, and the fallback INSERTs of
--   interim-update and stop). Remove those clauses from queries.conf with
--   sql/freeradius-queries-partitioned.awk (see README); every other stock query (UPDATE …
--   WHERE AcctUniqueId = …, Accounting-On/Off, simultaneous-use) runs unchanged.
-- * The trigger takes one advisory lock per row inserted, held to the end of the transaction:
--   FreeRADIUS writes a row per statement, but one INSERT … SELECT of more than a few thousand
--   rows runs out of lock table ("out of shared memory"). Copy old rows in with the trigger
--   disabled (ALTER TABLE radacct DISABLE TRIGGER radacct_unique_session; see README).
-- * A session whose Start arrives late (or whose start time is rewritten by a Start after an
--   Interim) simply moves partition: UPDATE moves rows between partitions.
--
-- New months: call radacct_add_month(<any day of the month>) before the month begins (cron,
-- pg_cron, or a monthly job). A row for a month without a partition lands in radacct_default;
-- a month's partition cannot be created while radacct_default holds rows of that month.

BEGIN;

CREATE TABLE radacct (
	RadAcctId		bigserial,
	AcctSessionId		text NOT NULL,
	AcctUniqueId		text NOT NULL,
	UserName		text,
	Realm			text,
	NASIPAddress		inet NOT NULL,
	NASPortId		text,
	NASPortType		text,
	AcctStartTime		timestamp with time zone NOT NULL,
	AcctUpdateTime		timestamp with time zone,
	AcctStopTime		timestamp with time zone,
	AcctInterval		bigint,
	AcctSessionTime		bigint,
	AcctAuthentic		text,
	ConnectInfo_start	text,
	ConnectInfo_stop	text,
	AcctInputOctets		bigint,
	AcctOutputOctets	bigint,
	CalledStationId		text,
	CallingStationId	text,
	AcctTerminateCause	text,
	ServiceType		text,
	FramedProtocol		text,
	FramedIPAddress		inet,
	FramedIPv6Address	inet,
	FramedIPv6Prefix	inet,
	FramedInterfaceId	text,
	DelegatedIPv6Prefix	inet,
	Class			text,
	PRIMARY KEY (RadAcctId, AcctStartTime)
) PARTITION BY RANGE (AcctStartTime);

-- The stock indexes; created on the parent, PostgreSQL creates them on every partition.
CREATE INDEX radacct_active_session_idx ON radacct (AcctUniqueId) WHERE AcctStopTime IS NULL;
CREATE INDEX radacct_bulk_close ON radacct (NASIPAddress, AcctStartTime) WHERE AcctStopTime IS NULL;
CREATE INDEX radacct_start_user_idx ON radacct (AcctStartTime, UserName);
-- Stands in for the stock UNIQUE (AcctUniqueId): the trigger below and late packets of
-- closed sessions look sessions up by it.
CREATE INDEX radacct_acctuniqueid_idx ON radacct (AcctUniqueId);
-- Not in the stock schema, needed here: Session Desk's online list walks sessions newest
-- first. On one table the start-time index finds open sessions among the newest rows at
-- once; on a partitioned one PostgreSQL merges every partition's walk and must first find
-- an open session in each, reading a whole old partition that has none (2.3 s at 10M
-- rows). This index holds open sessions only (tiny, untouched by interim updates): 34 ms.
CREATE INDEX radacct_online_start_idx ON radacct (AcctStartTime) WHERE AcctStopTime IS NULL;

-- AcctUniqueId unique across partitions. The advisory lock serialises two inserts of one id
-- (two FreeRADIUS servers, a retransmitted Start); the EXISTS then sees a committed twin.
CREATE FUNCTION radacct_unique_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(hashtextextended('radacct:' || NEW.AcctUniqueId, 0));
	IF EXISTS (SELECT 1 FROM radacct WHERE AcctUniqueId = NEW.AcctUniqueId
	           AND (TG_OP = 'INSERT' OR RadAcctId <> NEW.RadAcctId)) THEN
		RAISE unique_violation USING
			MESSAGE = format('duplicate key value violates unique AcctUniqueId %L', NEW.AcctUniqueId),
			CONSTRAINT = 'radacct_acctuniqueid_key';
	END IF;
	RETURN NEW;
END $$;

CREATE TRIGGER radacct_unique_session BEFORE INSERT OR UPDATE OF AcctUniqueId ON radacct
	FOR EACH ROW EXECUTE FUNCTION radacct_unique_session();

-- One month's partition, named radacct_YYYY_MM; does nothing when it exists.
CREATE FUNCTION radacct_add_month(day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	first date := date_trunc('month', day)::date;
	name text := format('radacct_%s', to_char(first, 'YYYY_MM'));
BEGIN
	IF to_regclass(name) IS NULL THEN
		EXECUTE format(
			'CREATE TABLE %I PARTITION OF radacct FOR VALUES FROM (%L) TO (%L)',
			name, first::timestamptz, (first + interval '1 month')::date::timestamptz);
	END IF;
	RETURN name;
END $$;

-- Anything outside the monthly partitions (a NAS with a wrong clock, a month not yet added).
CREATE TABLE radacct_default PARTITION OF radacct DEFAULT;

-- The last twelve months and the next three.
DO $$
BEGIN
	FOR m IN -12..3 LOOP
		PERFORM radacct_add_month((date_trunc('month', now()) + make_interval(months => m))::date);
	END LOOP;
END $$;

COMMIT;
