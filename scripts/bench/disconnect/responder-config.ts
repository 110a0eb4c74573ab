/** Where the bench's FreeRADIUS listens and whom it answers. */
export interface ResponderConfig {
  /** A temp folder of its own: everything FreeRADIUS reads or writes stays in it. */
  raddb: string;
  address: string;
  port: number;
  secret: string;
}

/**
 * radiusd.conf for FreeRADIUS 3.2 as a NAS that acknowledges every Disconnect-Request
 * (3.x routes Disconnect-Request through recv-coa; `ok` answers Disconnect-ACK). Any
 * loopback source is a client. Written for the bench, not shared with the tests: their
 * receiver NAKs all but one known session and runs under -X, printing every request.
 */
export function responderConfig({ raddb, address, port, secret }: ResponderConfig): string {
  if (!/^[\w.-]+$/.test(secret)) throw new Error('The bench secret must be plain ASCII.');
  return `prefix = /usr
raddbdir = ${raddb}
confdir = \${raddbdir}
run_dir = \${raddbdir}
logdir = \${raddbdir}
libdir = /usr/lib/freeradius
pidfile = \${run_dir}/radiusd.pid
# No reply cache: every request is answered afresh, run after run.
cleanup_delay = 0

log {
	destination = stdout
}

client bench-loopback {
	ipaddr = 127.0.0.0/8
	secret = "${secret}"
}

modules {
	always ok {
		rcode = ok
	}
}

server bench-disconnect-responder {
	listen {
		type = coa
		ipaddr = ${address}
		port = ${port}
	}

	recv-coa {
		ok
	}

	send-coa {
		ok
	}
}
`;
}
