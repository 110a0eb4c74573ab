import { createHash, timingSafeEqual } from 'node:crypto';

const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'];

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Who may talk to the loopback transport. A random token proves the caller read it from
 * this machine's console; the Host check defeats DNS rebinding (a hostile page whose name
 * resolves to 127.0.0.1 still sends its own name), and the Origin check stops another
 * site's page, or a page of another port of this machine, from opening our socket.
 *
 * The token travels only where no other server can see it and no other page can change
 * it: in the socket's first message and in the Authorization header of a download. A
 * cookie would do neither: browsers send cookies of 127.0.0.1 to every port of it, and a
 * page on any of those ports may set or clear them.
 */
export class AccessGuard {
  private readonly hosts: ReadonlySet<string>;
  private readonly origins: ReadonlySet<string>;
  private readonly tokenDigest: Buffer;

  constructor(token: string, port: number, bindHost: string) {
    const names = new Set([...loopbackNames, bindHost.includes(':') ? `[${bindHost}]` : bindHost]);
    this.hosts = new Set([...names].map((name) => `${name}:${port}`));
    // A browser sends the serialised origin: exact text, no parsing needed or wanted.
    this.origins = new Set([...this.hosts].map((hostAndPort) => `http://${hostAndPort}`));
    this.tokenDigest = digest(token);
  }

  hostAllowed(host: string | undefined): boolean {
    return host !== undefined && this.hosts.has(host);
  }

  /** A browser sends Origin on WebSocket upgrades; it must be this very server. */
  originAllowed(origin: string | undefined): boolean {
    return origin !== undefined && this.origins.has(origin);
  }

  /**
   * Constant time whatever the candidate: both sides are hashed to the same length first,
   * so neither the content nor the length of the token leaks through timing.
   */
  tokenMatches(candidate: unknown): boolean {
    if (typeof candidate !== 'string' || candidate === '') return false;
    return timingSafeEqual(digest(candidate), this.tokenDigest);
  }
}

/** The token of an `Authorization: Bearer …` header (RFC 6750's token68), or null. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
  return match?.[1] ?? null;
}
