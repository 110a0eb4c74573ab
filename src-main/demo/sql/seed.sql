-- The demo ISP: fills a fresh database holding freeradius-schema.sql and panel-schema.sql.
-- Set-based from generate_series; every "random" choice is a hash of a row number, so each
-- run looks the same (times are relative to now(), which is one instant in this script).
-- Addresses: NAS at 127.0.10.1-6 (loopback, where the simulated NAS listen), framed IPs in
-- CGNAT 100.64.0.0/10, IPv6 from documentation space 2001:db8::/32 (a /64 WAN prefix from
-- 2001:db8:bbNN::, a /56 delegated prefix from 2001:db8:aaNN::, NN by NAS). The addresses
-- are data only: nothing ever connects to them.

-- A uniform number in [0, 1) from a row number and a salt, the same on every run.
CREATE FUNCTION pg_temp.pick(n bigint, salt int) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$ SELECT (hashint8(n * 7919 + salt) & 1048575) / 1048576.0 $$;


INSERT INTO resellers (id, parent_id, name) VALUES
  (1, NULL, 'Fibra Example (direct sales)'),
  (2, 1, 'Norte Conecta'),
  (3, 1, 'Valle Digital'),
  (4, 1, 'Costa Net'),
  (5, 1, 'Sierra Wireless'),
  (6, 2, 'Norte Conecta · Barrio Alto'),
  (7, 2, 'Norte Conecta · Puerto'),
  (8, 3, 'Valle Digital · Campus'),
  (9, 4, 'Costa Net · Playa'),
  (10, 5, 'Sierra Wireless · Aldeas'),
  -- Three levels under Norte Conecta: its reseller operator sees this far down too.
  (11, 6, 'Norte Conecta · Barrio Alto · Cerro');
SELECT setval(pg_get_serial_sequence('resellers', 'id'), 11);

INSERT INTO services (id, name) VALUES
  (1, 'Fibra 100'), (2, 'Fibra 300'), (3, 'Fibra 600'), (4, 'Fibra 1G'),
  (5, 'Empresa 500'), (6, 'Empresa 1G'), (7, 'Rural 30'), (8, 'Estudiante 50');
SELECT setval(pg_get_serial_sequence('services', 'id'), 8);

INSERT INTO nas_devices (name, ip_address)
SELECT name, format('127.0.10.%s', i)
FROM unnest(ARRAY['bng-north-1', 'bng-north-2', 'bng-south-1', 'bng-east-1', 'bng-west-1',
                  'bng-central-1']) WITH ORDINALITY AS n(name, i);
-- FreeRADIUS's clients, with the shared secret the simulated NAS answer Disconnect-Requests with.
INSERT INTO nas (nasname, shortname, type, secret, description)
SELECT ip_address, name, 'mikrotik', 'demo-coa-secret', 'Demo BNG (simulated on loopback)'
FROM nas_devices ORDER BY id;

-- One line per subscriber: what a CPE repeats on every connect. The live loop reads it to
-- start new sessions. Orphaned lines (every 97th) have no subscribers row.
CREATE TABLE demo_subscriber_lines (
  id          integer PRIMARY KEY,
  username    text NOT NULL UNIQUE,
  full_name   text NOT NULL,
  nas_ip      inet NOT NULL,
  port        text NOT NULL,
  mac         text NOT NULL,
  -- Unique per line, so no two online sessions share one; a second session of the same
  -- subscriber (Simultaneous-Use 2) takes the address half a pool further.
  framed_ip   inet NOT NULL,
  -- Dual-stack lines (six in seven) get a WAN /64 and a delegated /56 from RADIUS, the same
  -- on every connect; the rest are IPv4-only (an old CPE), and so is a subscriber's second
  -- session (no second prefix is set up for it).
  wan_prefix       inet,
  delegated_prefix inet,
  service_id  integer NOT NULL,
  reseller_id integer NOT NULL
);

INSERT INTO demo_subscriber_lines
SELECT id,
       lower(first) || '.' || lower(surname) || CASE WHEN k >= 2400 THEN (k / 2400 + 1)::text ELSE '' END
         || '@' || CASE WHEN service_id IN (5, 6) THEN 'empresas.example'
                        WHEN service_id = 7 THEN 'rural.example' ELSE 'fibra.example' END,
       first || ' ' || surname,
       nas_ip,
       format('vlan%s', 100 + id % 48),
       oui || ':' || upper(substr(h, 1, 2)) || ':' || upper(substr(h, 3, 2)) || ':' || upper(substr(h, 5, 2)),
       -- Each NAS has its own /16 pool; 40503 is odd, so id -> offset is one-to-one below 2^15.
       '100.64.0.0'::inet + (nas_index - 1) * 65536 + 256 + (id::bigint * 40503) % 32000,
       CASE WHEN id % 7 <> 3 THEN format('2001:db8:%s:%s::/64', to_hex(47872 + nas_index * 16 + id / 256),
                                          to_hex((id % 256) * 256))::inet END,
       CASE WHEN id % 7 <> 3 THEN format('2001:db8:%s:%s::/56', to_hex(43520 + nas_index * 16 + id / 256),
                                          to_hex((id % 256) * 256))::inet END,
       service_id,
       reseller_id
FROM (
  SELECT id, k, md5('mac' || id) AS h,
         (ARRAY['Lucia', 'Mateo', 'Sofia', 'Hugo', 'Martina', 'Pablo', 'Valeria', 'Daniel', 'Paula',
                'Alvaro', 'Elena', 'Diego', 'Carmen', 'Adrian', 'Irene', 'Javier', 'Sara', 'Marcos',
                'Nuria', 'Ivan', 'Julia', 'Sergio', 'Alba', 'Raul', 'Noa', 'Jorge', 'Ines', 'Mario',
                'Clara', 'Bruno', 'Marta', 'Leo', 'Ana', 'Oscar', 'Lola', 'Ruben', 'Eva', 'Tomas',
                'Rosa', 'Victor'])[1 + k % 40] AS first,
         (ARRAY['Garcia', 'Rodriguez', 'Gonzalez', 'Fernandez', 'Lopez', 'Martinez', 'Sanchez',
                'Perez', 'Gomez', 'Martin', 'Jimenez', 'Ruiz', 'Hernandez', 'Diaz', 'Moreno',
                'Munoz', 'Alvarez', 'Romero', 'Alonso', 'Gutierrez', 'Navarro', 'Torres',
                'Dominguez', 'Vazquez', 'Ramos', 'Gil', 'Ramirez', 'Serrano', 'Blanco', 'Molina',
                'Morales', 'Suarez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marin',
                'Sanz', 'Iglesias', 'Nunez', 'Medina', 'Garrido', 'Cortes', 'Castillo', 'Santos',
                'Lozano', 'Guerrero', 'Cano', 'Prieto', 'Mendez', 'Cruz', 'Calvo', 'Gallego',
                'Vidal', 'Leon', 'Herrera', 'Marquez', 'Pena', 'Flores'])[1 + (k / 40) % 60] AS surname,
         1 + (ARRAY[0, 0, 0, 1, 1, 2, 2, 3, 4, 5])[1 + (hashint4(id) & 1023) % 10] AS nas_index,
         (ARRAY['E4:8D:8C', '50:C7:BF', 'F0:9F:C2', 'C8:3A:35', '3C:84:6A', '00:1E:58', 'B0:4E:26',
                '74:DA:88'])[1 + (hashint4(id + 17) & 1023) % 8] AS oui,
         (ARRAY[1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8])[1 + (hashint4(id + 31) & 1023) % 12] AS service_id,
         CASE WHEN (hashint4(id + 53) & 1023) % 10 = 5 AND id % 2 = 0 THEN 11
              ELSE 1 + (hashint4(id + 53) & 1023) % 10 END AS reseller_id
  FROM generate_series(1, 3200) id, LATERAL (SELECT (id::bigint * 1237) % 3200 AS k) scramble
) line,
LATERAL (SELECT ('127.0.10.0'::inet + nas_index) AS nas_ip) nas;

INSERT INTO subscribers (username, full_name, service_id, reseller_id)
SELECT username, full_name, service_id, reseller_id
FROM demo_subscriber_lines WHERE id % 97 <> 0 ORDER BY id;

-- Online now: about 60% of the lines, one session each; every 150th line also has a
-- second device logged in. Ages are exponential (mean 2 days, at most 40), interims every
-- 60 s, and every 211th session is stale: open, but silent for hours.
INSERT INTO radacct (acctsessionid, acctuniqueid, username, realm, nasipaddress, nasportid,
                     nasporttype, acctstarttime, acctupdatetime, acctinterval, acctsessiontime,
                     acctauthentic, acctinputoctets, acctoutputoctets, calledstationid,
                     callingstationid, servicetype, framedprotocol, framedipaddress,
                     framedipv6prefix, delegatedipv6prefix)
SELECT to_hex(2164260864 + 500000 + s.n), md5('open' || s.n), l.username,
       split_part(l.username, '@', 2), l.nas_ip, l.port, 'Ethernet', s.started, s.updated, 60,
       extract(epoch FROM s.updated - s.started)::bigint, 'RADIUS',
       -- Bytes since start at a per-session rate: long sessions pass 2^32 (and 2^33).
       (extract(epoch FROM s.updated - s.started) * (2000 + pg_temp.pick(s.n, 5) ^ 2 * 120000))::bigint,
       (extract(epoch FROM s.updated - s.started) * (20000 + pg_temp.pick(s.n, 6) ^ 2 * 900000))::bigint,
       'pppoe-' || split_part(host(l.nas_ip), '.', 4), l.mac, 'Framed-User', 'PPP',
       l.framed_ip + CASE WHEN s.second THEN 32768 ELSE 0 END,
       CASE WHEN s.second THEN NULL ELSE l.wan_prefix END,
       CASE WHEN s.second THEN NULL ELSE l.delegated_prefix END
FROM (
  SELECT id AS n, id AS line_id, false AS second FROM generate_series(1, 3200) id
  WHERE pg_temp.pick(id, 1) < 0.6
  UNION ALL
  SELECT 3200 + id, id, true FROM generate_series(1, 3200) id WHERE id % 150 = 7
) o
JOIN demo_subscriber_lines l ON l.id = o.line_id,
LATERAL (SELECT now() - (60 + least(-ln(1 - pg_temp.pick(o.n, 2)) * 2, 40) * 86400) * interval '1 second'
                AS started) t,
LATERAL (SELECT o.n, o.second, t.started,
                greatest(t.started, CASE WHEN o.n % 211 = 5
                                         THEN now() - (2 + pg_temp.pick(o.n, 3) * 8) * interval '1 hour'
                                         ELSE now() - pg_temp.pick(o.n, 4) * interval '60 s' END)
                  AS updated) s
ORDER BY s.started;

-- The last 30 days of history: about 15 closed sessions a line, with the causes a
-- MikroTik BNG reports and dynamic addresses from the NAS's pool.
INSERT INTO radacct (acctsessionid, acctuniqueid, username, realm, nasipaddress, nasportid,
                     nasporttype, acctstarttime, acctupdatetime, acctstoptime, acctinterval,
                     acctsessiontime, acctauthentic, acctinputoctets, acctoutputoctets,
                     calledstationid, callingstationid, acctterminatecause, servicetype,
                     framedprotocol, framedipaddress, framedipv6prefix, delegatedipv6prefix)
SELECT to_hex(2164260864 + h.g), md5('closed' || h.g), l.username,
       split_part(l.username, '@', 2), l.nas_ip, l.port, 'Ethernet', h.started, h.stopped,
       h.stopped, 60, extract(epoch FROM h.stopped - h.started)::bigint, 'RADIUS',
       (extract(epoch FROM h.stopped - h.started) * (2000 + pg_temp.pick(h.g, 15) ^ 2 * 120000))::bigint,
       (extract(epoch FROM h.stopped - h.started) * (20000 + pg_temp.pick(h.g, 16) ^ 2 * 900000))::bigint,
       'pppoe-' || split_part(host(l.nas_ip), '.', 4), l.mac,
       (ARRAY['User-Request', 'User-Request', 'User-Request', 'User-Request', 'User-Request',
              'User-Request', 'User-Request', 'Lost-Carrier', 'Lost-Carrier', 'Lost-Carrier',
              'Lost-Carrier', 'Idle-Timeout', 'Idle-Timeout', 'Session-Timeout',
              'Session-Timeout', 'Admin-Reset', 'Admin-Reset', 'NAS-Request', 'NAS-Request',
              'NAS-Reboot'])[1 + floor(pg_temp.pick(h.g, 12) * 20)::int],
       'Framed-User', 'PPP',
       '100.64.0.0'::inet + (split_part(host(l.nas_ip), '.', 4)::int - 1) * 65536 + 256
         + floor(pg_temp.pick(h.g, 13) * 65000)::int,
       l.wan_prefix, l.delegated_prefix
FROM (
  SELECT g, 1 + floor(pg_temp.pick(g, 10) * 3200)::int AS line_id, started,
         -- A session that would still be running ended at some point since its start, not
         -- all at one instant: that would read as every NAS dropping when the demo starts.
         CASE WHEN started + lasted < now() - interval '2 minutes' THEN started + lasted
              ELSE started + (now() - interval '2 minutes' - started) * pg_temp.pick(g, 17)
         END AS stopped
  FROM generate_series(1, 48000) g,
       LATERAL (SELECT now() - interval '30 days' + (g * 53) * interval '1 second' AS started,
                       (120 + pg_temp.pick(g, 11) ^ 3 * 172800) * interval '1 second' AS lasted) t
) h
JOIN demo_subscriber_lines l ON l.id = h.line_id
ORDER BY h.started;

UPDATE subscribers s SET is_online = true
FROM radacct r WHERE r.acctstoptime IS NULL AND r.username = s.username;

-- What FreeRADIUS checks at login, for the features that read it: a password for every
-- subscriber, a few disabled (Auth-Type := Reject), some expiring, Simultaneous-Use limits.
INSERT INTO radcheck (username, attribute, op, value)
SELECT username, 'Cleartext-Password', ':=', substr(md5('pw' || id), 1, 10)
FROM demo_subscriber_lines WHERE id % 97 <> 0 ORDER BY id;
INSERT INTO radcheck (username, attribute, op, value)
SELECT username, 'Simultaneous-Use', ':=', CASE WHEN id % 150 = 7 THEN '2' ELSE '1' END
FROM demo_subscriber_lines WHERE id % 97 <> 0 ORDER BY id;
INSERT INTO radcheck (username, attribute, op, value)
SELECT l.username, 'Auth-Type', ':=', 'Reject'
FROM demo_subscriber_lines l
WHERE l.id % 97 <> 0 AND l.id % 89 = 3
  AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.username = l.username AND s.is_online);
INSERT INTO radcheck (username, attribute, op, value)
SELECT username, 'Expiration', ':=',
       to_char(now() + (floor(pg_temp.pick(id, 20) * 90) - 20) * interval '1 day', 'DD Mon YYYY') || ' 00:00:00'
FROM demo_subscriber_lines WHERE id % 97 <> 0 AND id % 19 = 4 ORDER BY id;
INSERT INTO radusergroup (username, groupname, priority)
SELECT l.username, v.name, 1
FROM demo_subscriber_lines l JOIN services v ON v.id = l.service_id
WHERE l.id % 97 <> 0 ORDER BY l.id;

-- The demo ISP's DBA has added the one index FreeRADIUS's schema ships commented out
-- ("optionally", for statistics) and Session Desk asks for: with it, the NAS health counts
-- see every session that ended, however long ago it started (see history-coverage.ts).
CREATE INDEX radacct_stop_user_idx ON radacct (acctstoptime, username);

ANALYZE;
