-- One tick of the demo's life, part 1: a few online sessions end with the causes a BNG
-- reports, and as many lines that are offline connect. $1: sessions to end, $2: to start,
-- $3: NAS that are down (nobody connects there), $4: only this NAS's lines connect (NULL: any).
-- Stale sessions (silent for over 30 minutes) are left alone: they stay stuck, as on a real
-- network where the Accounting-Stop was lost.
WITH ended AS (
  UPDATE radacct r
  SET acctstoptime = now(), acctupdatetime = now(),
      acctsessiontime = extract(epoch FROM now() - r.acctstarttime)::bigint,
      acctterminatecause = (ARRAY['User-Request', 'User-Request', 'User-Request', 'Lost-Carrier',
                                  'Lost-Carrier', 'Idle-Timeout', 'Session-Timeout',
                                  'NAS-Request'])[1 + floor(random() * 8)::int]
  WHERE r.radacctid IN (SELECT radacctid FROM radacct
                        WHERE acctstoptime IS NULL AND acctupdatetime > now() - interval '30 minutes'
                        ORDER BY random() LIMIT $1)
    -- Checked again on the row itself: a NAS reboot's Accounting-On may close it while this
    -- waits for its lock, and a closed session must keep the stop FreeRADIUS wrote.
    AND r.acctstoptime IS NULL
  RETURNING r.radacctid, r.username
), started AS (
  INSERT INTO radacct (acctsessionid, acctuniqueid, username, realm, nasipaddress, nasportid,
                       nasporttype, acctstarttime, acctupdatetime, acctinterval, acctsessiontime,
                       acctauthentic, acctinputoctets, acctoutputoctets, calledstationid,
                       callingstationid, servicetype, framedprotocol, framedipaddress,
                       framedipv6prefix, delegatedipv6prefix)
  SELECT lpad(to_hex((random() * 4294967295)::bigint), 8, '0'),
         md5(l.username || clock_timestamp()::text || random()::text), l.username,
         split_part(l.username, '@', 2), l.nas_ip, l.port, 'Ethernet', now(), now(), 60, 0,
         'RADIUS', 0, 0, 'pppoe-' || split_part(host(l.nas_ip), '.', 4), l.mac, 'Framed-User',
         'PPP', l.framed_ip, l.wan_prefix, l.delegated_prefix
  FROM demo_subscriber_lines l
  WHERE NOT EXISTS (SELECT 1 FROM radacct o
                    WHERE o.acctstoptime IS NULL AND o.username = l.username)
    AND l.nas_ip <> ALL ($3::inet[])
    AND ($4::inet IS NULL OR l.nas_ip = $4::inet)
  ORDER BY random() LIMIT $2
  RETURNING username
), went_offline AS (
  UPDATE subscribers s SET is_online = false
  FROM ended e
  WHERE s.username = e.username
    AND NOT EXISTS (SELECT 1 FROM radacct o WHERE o.acctstoptime IS NULL
                      AND o.username = e.username AND o.radacctid <> e.radacctid)
), came_online AS (
  UPDATE subscribers s SET is_online = true FROM started st WHERE s.username = st.username
)
SELECT (SELECT count(*) FROM ended)::int AS ended, (SELECT count(*) FROM started)::int AS started;
