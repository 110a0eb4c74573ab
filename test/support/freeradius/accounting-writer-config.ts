import { raddbPreamble, type ReceiverConfig } from './receiver-config';

/** Debian's copy of FreeRADIUS's stock PostgreSQL queries (rlm_sql), read as it ships. */
export const stockPostgresqlQueries =
  '/etc/freeradius/3.0/mods-config/sql/main/postgresql/queries.conf';

/**
 * A radiusd.conf for FreeRADIUS 3.2 as the writer of radacct: Accounting-Requests from
 * 127.0.0.1 go through rlm_sql postgresql with the stock queries.conf into `database`
 * (a libpq connection string), as a production FreeRADIUS writes them.
 */
export function accountingWriterConfig(database: string): (config: ReceiverConfig) => string {
  return ({ raddb, address, port, clientAddress, secret }) => `${raddbPreamble(raddb)}
client session-desk {
	ipaddr = ${clientAddress}
	secret = "${secret}"
}

modules {
	# tolower, integer and the other string expansions the stock queries use.
	expr {
	}
	sql {
		dialect = "postgresql"
		driver = "rlm_sql_postgresql"
		radius_db = "${database}"
		acct_table1 = "radacct"
		acct_table2 = "radacct"
		postauth_table = "radpostauth"
		authcheck_table = "radcheck"
		groupcheck_table = "radgroupcheck"
		authreply_table = "radreply"
		groupreply_table = "radgroupreply"
		usergroup_table = "radusergroup"
		client_table = "nas"
		read_groups = no
		read_clients = no
		group_attribute = "SQL-Group"
		pool {
			start = 1
			min = 1
			max = 2
			spare = 1
			uses = 0
			lifetime = 0
			idle_timeout = 60
			retry_delay = 1
		}
		$INCLUDE ${stockPostgresqlQueries}
	}
}

server accounting-writer {
	listen {
		type = acct
		ipaddr = ${address}
		port = ${port}
	}

	preacct {
		# What policy.d's acct_unique derives; a per-session key is all the queries need.
		update request {
			&Acct-Unique-Session-Id := "%{Acct-Session-Id}-%{NAS-IP-Address}"
		}
	}

	accounting {
		sql
	}
}
`;
}
