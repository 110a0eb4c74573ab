import { TLSSocket, type PeerCertificate } from 'node:tls';
import type { PresentedCertificate } from '@contract';
import type { NasPathError } from '../nas-path-error';
import type { RouterOSAPI } from './patched-routeros-api';
import { certificateChanged, certificateUntrusted } from './routeros-errors';

export interface CertificateVerdict {
  certificate: PresentedCertificate;
  /** Why the connection is refused; null when the certificate is trusted. */
  refusal: NasPathError | null;
}

/**
 * Decides on an API-SSL NAS's certificate as soon as the handshake ends, before node-routeros
 * sends the login. Node verifies the chain and the host name but, told not to reject, leaves
 * the decision to us: a pinned certificate is trusted by its SHA-256 alone (RouterOS's are
 * nearly all self-signed), an unpinned one only when a CA vouches for it. A refused socket is
 * destroyed, so the login the library writes next never leaves this workstation.
 */
export function checkCertificateBeforeLogin(
  api: RouterOSAPI,
  nas: string,
  pinned: string | null,
  decided: (verdict: CertificateVerdict) => void,
): void {
  const socket = tlsSocketOf(api);
  // Prepended: it must run before the library's own secureConnect listener starts the login.
  socket.prependOnceListener('secureConnect', () => {
    const verdict = judge(socket, nas, pinned);
    decided(verdict);
    if (verdict.refusal) socket.destroy(verdict.refusal);
  });
}

function judge(socket: TLSSocket, nas: string, pinned: string | null): CertificateVerdict {
  const peer = socket.getPeerCertificate();
  const fingerprint = peer.fingerprint256 ?? '';
  const trusted = pinned
    ? fingerprint === pinned
      ? 'pinned'
      : 'untrusted'
    : socket.authorized
      ? 'ca'
      : 'untrusted';
  const certificate = { fingerprint, subject: subjectOf(peer), trusted } as const;
  if (trusted !== 'untrusted') return { certificate, refusal: null };
  return {
    certificate,
    refusal: pinned
      ? certificateChanged(nas, fingerprint, pinned)
      : certificateUntrusted(nas, String(socket.authorizationError), fingerprint),
  };
}

/** CN=bng-west, O=ISP: what an operator compares with /certificate print detail. */
function subjectOf(peer: PeerCertificate): string {
  const subject = (peer.subject ?? {}) as unknown as Record<string, string | string[]>;
  return Object.entries(subject)
    .map(([field, value]) => `${field}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

/** node-routeros keeps its socket private; it exists once connect() has been called. */
function tlsSocketOf(api: RouterOSAPI): TLSSocket {
  const socket = (api as unknown as { connector?: { socket?: unknown } }).connector?.socket;
  if (!(socket instanceof TLSSocket)) {
    throw new Error('node-routeros opened no TLS socket for API-SSL: its internals changed.');
  }
  return socket;
}
