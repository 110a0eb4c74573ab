-- One tick of the demo's life, part 2: the Interim-Updates that are due (every acctinterval
-- seconds per session) move the session's time and octets on, at a rate of its own.
UPDATE radacct
SET acctupdatetime = now(),
    acctsessiontime = extract(epoch FROM now() - acctstarttime)::bigint,
    acctinputoctets = acctinputoctets
      + (extract(epoch FROM now() - acctupdatetime) * (2000 + random() ^ 2 * 120000))::bigint,
    acctoutputoctets = acctoutputoctets
      + (extract(epoch FROM now() - acctupdatetime) * (20000 + random() ^ 2 * 900000))::bigint
WHERE acctstoptime IS NULL
  AND acctupdatetime <= now() - acctinterval * interval '1 second'
  AND acctupdatetime > now() - interval '30 minutes'
