-- Fills a fresh database that already holds the stock FreeRADIUS schema and the panel tables
-- (src-main/demo/sql) with a year of accounting: set-based INSERTs from generate_series, no
-- row-at-a-time loops. Run by dataset.ts through psql with:
--   -v total=<radacct rows> -v online=<open sessions> -v subscribers=<panel subscribers>
-- Everything is loopback or documentation space: NAS at 127.0.10.1-6, framed IPs in CGNAT
-- 100.64.0.0/10, IPv6 in 2001:db8::/32.
\set ON_ERROR_STOP on
\set QUIET on

-- Session-level only: the server's own settings are left alone.
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET work_mem = '256MB';
SELECT setseed(0.4242) \g /dev/null

SELECT now() AS t0,
       :total - :online AS history,
       (365 * 86400 - 3600)::float8 / (:total - :online) AS step_s
\gset
-- History rows older than 30 days are written in start order straight from the series; the
-- last 30 days are sorted together with the online set so open sessions sit among the
-- history of their day on disk, as they do on a real server.
SELECT floor(335 * 86400 / :step_s)::bigint AS gsplit \gset

\echo panel tables: resellers, services, NAS, subscribers
-- Panel tables: a reseller tree, services, named NAS, subscribers with full names.
INSERT INTO resellers (id, parent_id, name)
SELECT r, CASE WHEN r = 1 THEN NULL WHEN r <= 11 THEN 1 ELSE 2 + (r % 10) END,
       CASE WHEN r = 1 THEN 'Example ISP' ELSE format('Reseller %s', r) END
FROM generate_series(1, 51) r;
SELECT setval(pg_get_serial_sequence('resellers', 'id'), 51) \g /dev/null

INSERT INTO services (name)
SELECT unnest(ARRAY['Home 50M', 'Home 100M', 'Home 300M', 'Fiber 1G', 'Business 200M',
                    'Business 500M', 'Student 30M', 'Night Unlimited']);

INSERT INTO nas_devices (name, ip_address)
SELECT n.name, format('127.0.10.%s', n.i)
FROM unnest(ARRAY['bng-core-01', 'bng-core-02', 'bng-east-01', 'bng-west-01', 'bng-south-01',
                  'bng-north-01']) WITH ORDINALITY AS n(name, i);
INSERT INTO nas (nasname, shortname, type, secret, description)
SELECT ip_address, name, 'mikrotik', 'testing123', 'bench NAS' FROM nas_devices;

-- One row per subscriber with what their sessions repeat: name, NAS, MAC, addresses. Ids are
-- scattered over six digits (7919 is prime to 900000) so usernames do not sort like ids.
CREATE UNLOGGED TABLE bench_people AS
SELECT id,
       format('u%s@%s', 100000 + (id::bigint * 7919) % 900000,
              CASE WHEN id % 20 = 0 THEN 'biz.isp.example' ELSE 'isp.example' END) AS username,
       ('127.0.10.0'::inet + (ARRAY[1, 1, 1, 2, 2, 3, 4, 4, 5, 6])[1 + id % 10]) AS nas_ip,
       upper(concat_ws(':', substr(h, 1, 2), substr(h, 3, 2), substr(h, 5, 2), substr(h, 7, 2),
                       substr(h, 9, 2), substr(h, 11, 2))) AS mac,
       -- A bijection of the id onto the /10 (40503 is odd): no two online sessions share one.
       '100.64.0.0'::inet + ((id::bigint * 40503) % 4194304) AS pool_ip,
       id % 10 = 0 AS static_ip,
       CASE WHEN id % 4 = 0
            THEN format('2001:db8:%s:%s::/56', to_hex(id >> 8), to_hex((id & 255) << 8))::inet
       END AS delegated_prefix,
       format('vlan%s', 100 + id % 40) AS port
FROM generate_series(1, :subscribers) id, md5(id::text) h;
ALTER TABLE bench_people ADD PRIMARY KEY (id);

-- Every hundredth subscriber has no panel row: orphaned sessions the LEFT JOINs must keep.
INSERT INTO subscribers (username, full_name, service_id, reseller_id)
SELECT p.username,
       (ARRAY['Sara', 'Ali', 'Maryam', 'Reza', 'Zahra', 'Omid', 'Nika', 'Hamid', 'Leila', 'Kian',
              'Anna', 'Jonas', 'Elif', 'Mateo', 'Yuki', 'Amir'])[1 + p.id % 16] || ' ' ||
       (ARRAY['Ahmadi', 'Karimi', 'Hosseini', 'Rahimi', 'Moradi', 'Jafari', 'Novak', 'Schmidt',
              'Yilmaz', 'Garcia', 'Tanaka', 'Rossi', 'Kowalski', 'Dubois', 'Silva', 'Berg',
              'Nazari'])[1 + (p.id / 16) % 17],
       1 + (p.id * 7) % 8,
       CASE WHEN p.id % 10 < 3 THEN NULL ELSE 1 + p.id % 51 END
FROM bench_people p
WHERE p.id % 100 <> 0;

-- Columns written, in order, by both row sources below.
\set radacct_columns 'acctsessionid, acctuniqueid, username, realm, nasipaddress, nasportid, nasporttype, acctstarttime, acctupdatetime, acctstoptime, acctinterval, acctsessiontime, acctauthentic, acctinputoctets, acctoutputoctets, calledstationid, callingstationid, acctterminatecause, servicetype, framedprotocol, framedipaddress, delegatedipv6prefix'

-- STABLE (though they call random()) so the planner inlines them into the INSERT as plain
-- subqueries instead of materialising millions of rows in a function-scan tuplestore.
CREATE FUNCTION pg_temp.bench_history(lo bigint, hi bigint, t0 timestamptz, step_s float8,
                                      people int)
RETURNS TABLE (acctsessionid text, acctuniqueid text, username text, realm text,
               nasipaddress inet, nasportid text, nasporttype text, acctstarttime timestamptz,
               acctupdatetime timestamptz, acctstoptime timestamptz, acctinterval bigint,
               acctsessiontime bigint, acctauthentic text, acctinputoctets bigint,
               acctoutputoctets bigint, calledstationid text, callingstationid text,
               acctterminatecause text, servicetype text, framedprotocol text,
               framedipaddress inet, delegatedipv6prefix inet)
LANGUAGE sql STABLE AS $$
  SELECT to_hex(2164260864 + s.g), md5('closed' || s.g), p.username, '', p.nas_ip, p.port,
         'Ethernet', s.start_at, s.stop_at, s.stop_at, 300,
         extract(epoch FROM s.stop_at - s.start_at)::bigint, 'RADIUS',
         (random() ^ 3 * 4e9)::bigint, (random() ^ 3 * 6e10)::bigint, 'pppoe-isp', p.mac,
         (ARRAY['User-Request', 'User-Request', 'User-Request', 'User-Request', 'User-Request',
                'User-Request', 'User-Request', 'User-Request', 'Lost-Carrier', 'Lost-Carrier',
                'Lost-Carrier', 'Lost-Carrier', 'Idle-Timeout', 'Idle-Timeout',
                'Session-Timeout', 'Session-Timeout', 'Admin-Reset', 'NAS-Reboot', 'Port-Error',
                'Lost-Service'])[1 + floor(random() * 20)::int],
         'Framed-User', 'PPP',
         CASE WHEN p.static_ip THEN p.pool_ip
              ELSE '100.64.0.0'::inet + (hashint8(s.g) & 4194303) END,
         p.delegated_prefix
  FROM (SELECT g, start_at,
               -- Mostly short sessions, a few up to three days; none ends in the future.
               least(start_at + (60 + random() ^ 2 * 259200) * interval '1 second',
                     t0 - interval '1 minute') AS stop_at,
               1 + (hashint8(g) & 2147483647) % people AS person
        FROM generate_series(lo, hi) g,
             LATERAL (SELECT t0 - interval '365 days' + (g - 1) * step_s * interval '1 second')
               AS t(start_at)) s
  JOIN bench_people p ON p.id = s.person
$$;

-- Radacct's indexes and unique constraints are dropped for the load and rebuilt after it:
-- one sorted build per index is several times cheaper than 10M incremental inserts.
CREATE TEMP TABLE bench_saved_ddl AS
SELECT 1 AS rebuild_order, format('ALTER TABLE radacct DROP CONSTRAINT %I', conname) AS drop_ddl,
       format('ALTER TABLE radacct ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid))
         AS rebuild_ddl
FROM pg_constraint
WHERE conrelid = 'radacct'::regclass AND contype IN ('p', 'u')
UNION ALL
-- On a partitioned radacct the definition reads "ON ONLY radacct" (the parent alone); the
-- rebuild wants every partition's index too.
SELECT 2, format('DROP INDEX %I', ic.relname),
       replace(pg_get_indexdef(ic.oid), ' ON ONLY ', ' ON ')
FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
WHERE x.indrelid = 'radacct'::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid);

DO $$
DECLARE ddl text;
BEGIN
  FOR ddl IN SELECT drop_ddl FROM bench_saved_ddl ORDER BY rebuild_order LOOP
    EXECUTE ddl;
  END LOOP;
END $$;

\echo radacct: history older than 30 days
INSERT INTO radacct (:radacct_columns)
SELECT * FROM pg_temp.bench_history(1, :gsplit, :'t0', :step_s, :subscribers);

\echo radacct: the last 30 days and the online set
-- The last 30 days of history and the online set, in start order. Open sessions: one per
-- subscriber (Simultaneous-Use 1); interims every 300 s, and one in 250 stale (no interim
-- for hours).
INSERT INTO radacct (:radacct_columns)
SELECT * FROM (
  SELECT * FROM pg_temp.bench_history(:gsplit + 1, :history, :'t0', :step_s, :subscribers)
  UNION ALL
  SELECT to_hex(2164260864 + :history + o.j), md5('open' || o.j), p.username, '', p.nas_ip,
         p.port, 'Ethernet', o.start_at, o.update_at, NULL, 300,
         extract(epoch FROM o.update_at - o.start_at)::bigint, 'RADIUS',
         (random() ^ 3 * 4e9)::bigint, (random() ^ 3 * 6e10)::bigint, 'pppoe-isp', p.mac, NULL,
         'Framed-User', 'PPP', p.pool_ip, p.delegated_prefix
  FROM (SELECT j, start_at,
               CASE WHEN j % 250 = 0
                    THEN greatest(start_at, :'t0'::timestamptz - interval '2 hours'
                                            - random() * interval '1 day')
                    ELSE greatest(start_at, :'t0'::timestamptz - random() * interval '300 s')
               END AS update_at
        -- Session ages are exponential (mean 3 days, capped at 45): about 1.4% started in
        -- the last hour, as reconnects keep coming. random() sits in a select list: in a
        -- FROM subquery it would run only once.
        FROM (SELECT j, :'t0'::timestamptz - interval '1 minute'
                        - least(-ln(1 - random()) * 3, 45) * interval '1 day' AS start_at
              FROM generate_series(1, :online) j) t) o
  JOIN bench_people p ON p.id = o.j
) recent
ORDER BY acctstarttime;

\echo radacct: rebuilding indexes
DO $$
DECLARE ddl text;
BEGIN
  FOR ddl IN SELECT rebuild_ddl FROM bench_saved_ddl ORDER BY rebuild_order LOOP
    EXECUTE ddl;
  END LOOP;
END $$;

\echo subscribers.is_online
UPDATE subscribers s SET is_online = true
FROM radacct r
WHERE r.acctstoptime IS NULL AND r.username = s.username;

DROP TABLE bench_people;
\echo vacuum analyze
VACUUM ANALYZE;
