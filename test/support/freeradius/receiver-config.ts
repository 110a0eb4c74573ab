/** The one session the receiver knows; any other Disconnect-Request is NAKed. */
export interface KnownSession {
  userName: string;
  acctSessionId: string;
  /**
   * An IPv6-only session: the request must also carry this Framed-IPv6-Prefix and no
   * Framed-IP-Address, as a BNG that identifies such a session by its WAN prefix would check.
   */
  framedIpv6Prefix?: string;
}

export interface ReceiverConfig {
  /** The generated raddb folder: everything FreeRADIUS reads or writes stays in it. */
  raddb: string;
  address: string;
  port: number;
  clientAddress: string;
  secret: string;
  knownSession: KnownSession;
  /**
   * `require_message_authenticator = yes` for the client, as a NAS hardened against
   * BlastRADIUS: FreeRADIUS 3.2 then drops every request from it without a valid one.
   */
  requireMessageAuthenticator?: boolean;
  /** Put a Message-Authenticator in every reply (as FreeRADIUS 3.2 signs it). */
  signReplies?: boolean;
}

/**
 * A minimal radiusd.conf for FreeRADIUS 3.2 acting as a NAS's Disconnect receiver. In 3.x
 * `recv-coa` handles Disconnect-Request as well as CoA-Request (there is no recv-disconnect
 * section until 4.0): ok answers Disconnect-ACK, reject answers Disconnect-NAK. `ok` and
 * `reject` are rlm_always instances, declared here because no stock mods-enabled is read.
 */
export function receiverConfig(config: ReceiverConfig): string {
  const { raddb, address, port, clientAddress, secret, knownSession } = config;
  const requireMessageAuthenticator = config.requireMessageAuthenticator ? 'yes' : 'no';
  // An update of the reply list makes FreeRADIUS add and sign the attribute.
  const signReply = config.signReplies
    ? `update reply {
			&Message-Authenticator := 0x00
		}
		`
    : '';
  return `${raddbPreamble(raddb)}
client session-desk {
	ipaddr = ${clientAddress}
	secret = ${quoted(secret)}
	require_message_authenticator = ${requireMessageAuthenticator}
}

modules {
	always ok {
		rcode = ok
	}
	always reject {
		rcode = reject
	}
}

server disconnect-receiver {
	listen {
		type = coa
		ipaddr = ${address}
		port = ${port}
	}

	recv-coa {
		${signReply}if (&User-Name == ${quoted(knownSession.userName)} && &Acct-Session-Id == ${quoted(knownSession.acctSessionId)}${ipv6Condition(knownSession)}) {
			ok
		}
		else {
			update reply {
				&Error-Cause := Session-Context-Not-Found
			}
			reject
		}
	}

	send-coa {
		ok
	}
}
`;
}

function ipv6Condition(session: KnownSession): string {
  const prefix = session.framedIpv6Prefix;
  if (prefix === undefined) return '';
  if (!/^[0-9a-f:]+\/\d{1,3}$/.test(prefix)) throw new Error(`"${prefix}" is not an IPv6 prefix.`);
  return ` && &Framed-IPv6-Prefix == ${prefix} && !&Framed-IP-Address`;
}

// Test values are plain ASCII; refusing anything else keeps the unlang quoting trivial.
function quoted(value: string): string {
  if (!/^[\w@.:-]+$/.test(value)) {
    throw new Error(`"${value}" needs escaping in unlang; use letters, digits and @.:-_ only.`);
  }
  return `"${value}"`;
}

/**
 * The start of every generated radiusd.conf: everything FreeRADIUS reads or writes stays in
 * the raddb folder, and it logs to stdout (where `-X` output is read).
 */
export function raddbPreamble(raddb: string): string {
  return `prefix = /usr
raddbdir = ${raddb}
confdir = \${raddbdir}
run_dir = \${raddbdir}
logdir = \${raddbdir}
libdir = /usr/lib/freeradius
pidfile = \${run_dir}/radiusd.pid

log {
	destination = stdout
}
`;
}
