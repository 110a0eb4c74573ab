# Rewrites FreeRADIUS's stock PostgreSQL queries.conf for a partitioned radacct
# (sql/radacct-partitioned.sql): drops each "ON CONFLICT (AcctUniqueId) ..." clause, which
# PostgreSQL cannot accept without a unique index on AcctUniqueId alone. The INSERT then
# meets radacct_unique_session's unique_violation instead, and FreeRADIUS runs the query's
# stock alternative (the UPDATE) as it does for any duplicate key. Everything else is copied.
#
#   awk -f freeradius-queries-partitioned.awk \
#     /etc/freeradius/3.0/mods-config/sql/main/postgresql/queries.conf > queries-partitioned.conf
skipping {
	if ($0 ~ /"[[:space:]]*$/) skipping = 0
	next
}
/^[[:space:]]*ON CONFLICT \(AcctUniqueId\)/ {
	# The INSERT's last line ends with a continuation; it now ends the query.
	sub(/[[:space:]]*\\[[:space:]]*$/, "\"", held)
	skipping = ($0 !~ /"[[:space:]]*$/)
	next
}
{
	if (holding) print held
	held = $0
	holding = 1
}
END {
	if (holding) print held
}
