import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPort } from '../../../src-main/free-port';
import type { DbProfile } from '../../../src-main/radius-db';
import { launchFreeradius, PortTaken } from './disconnect-receiver';
import { hasFreeradius, hasRadclient } from './freeradius-binaries';
import { radclient } from './radclient';
import { raddbPreamble } from './receiver-config';

/** FreeRADIUS's own PostgreSQL queries, as Debian ships them with rlm_sql. */
export const stockQueries = '/etc/freeradius/3.0/mods-config/sql/main/postgresql/queries.conf';
export const hasStockQueries =
  existsSync(stockQueries) && existsSync('/usr/lib/freeradius/rlm_sql_postgresql.so');
/** Everything startAccountingWriter needs: radiusd, radclient and rlm_sql's PostgreSQL driver. */
export const canWriteAccounting = hasFreeradius && hasRadclient && hasStockQueries;

export interface AccountingWriter {
  address: string;
  port: number;
  secret: string;
  /** Sends one Accounting-Request with radclient; resolves to what radclient printed. */
  send(attributes: Record<string, string>): Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * A private FreeRADIUS 3.2 that writes radacct the way production does: rlm_sql with the
 * postgresql driver and the stock queries.conf included as it is, on a loopback port,
 * into the given database. Acct-Unique-Session-Id is FreeRADIUS's acct_unique policy
 * (an md5 of the session's identity), so a late packet of a session finds its row.
 */
export async function startAccountingWriter(
  database: DbProfile,
  /** The queries.conf to include; the stock one unless a test rewrote it (partitioned radacct). */
  queries = stockQueries,
): Promise<AccountingWriter> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(database, queries);
    } catch (failure) {
      if (!(failure instanceof PortTaken) || attempt === 3) throw failure;
    }
  }
}

async function startOnce(database: DbProfile, queries: string): Promise<AccountingWriter> {
  const address = '127.0.10.41';
  const port = await freeUdpPort(address);
  const secret = 'accounting-test';
  const raddb = await mkdtemp(join(tmpdir(), 'session-desk-freeradius-acct-'));
  await writeFile(
    join(raddb, 'radiusd.conf'),
    writerConfig(raddb, address, port, secret, database, queries),
  );
  const running = await launchFreeradius(raddb);
  return {
    address,
    port,
    secret,
    send: (attributes) => radclient({ address, port }, 'acct', secret, attributes, 5),
    output: running.output,
    stop: running.stop,
  };
}

function writerConfig(
  raddb: string,
  address: string,
  port: number,
  secret: string,
  database: DbProfile,
  queries: string,
): string {
  return `${raddbPreamble(raddb)}
client session-desk {
	ipaddr = 127.0.0.1
	secret = "${secret}"
}

modules {
	# %{tolower:…} (the stock queries pick their query with it) and %{md5:…}.
	expr {
	}
	sql {
		dialect = "postgresql"
		driver = "rlm_sql_postgresql"
		server = "${database.host}"
		port = ${database.port}
		login = "${database.user}"
		password = "${database.password ?? ''}"
		radius_db = "${database.database}"
		acct_table1 = "radacct"
		acct_table2 = "radacct"
		postauth_table = "radpostauth"
		authcheck_table = "radcheck"
		groupcheck_table = "radgroupcheck"
		authreply_table = "radreply"
		groupreply_table = "radgroupreply"
		usergroup_table = "radusergroup"
		client_table = "nas"
		group_attribute = "SQL-Group"
		read_groups = no
		read_clients = no
		sql_user_name = "%{User-Name}"
		pool {
			start = 1
			min = 1
			max = 2
		}
		$INCLUDE ${queries}
	}
}

server accounting-writer {
	listen {
		type = acct
		ipaddr = ${address}
		port = ${port}
	}

	preacct {
		update request {
			&Acct-Unique-Session-Id := "%{md5:%{User-Name},%{Acct-Session-Id},%{NAS-IP-Address}}"
		}
	}

	accounting {
		sql
	}
}
`;
}
