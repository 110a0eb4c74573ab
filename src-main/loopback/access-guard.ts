import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const tokenCookie = 'session_desk_token';

const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Who may talk to the loopback transport. A random token proves the caller read it from
 * this machine's console; the Host check defeats DNS rebinding (a hostile page whose name
 * resolves to 127.0.0.1 still sends its own name), and the Origin check stops another
 * site's page from opening our socket with the operator's cookie.
 */
export class AccessGuard {
  private readonly hosts: Set<string>;

  constructor(
    private readonly token: string,
    port: number,
    bindHost: string,
  ) {
    const names = new Set([...loopbackNames, bindHost.includes(':') ? `[${bindHost}]` : bindHost]);
    this.hosts = new Set([...names].map((name) => `${name}:${port}`));
  }

  hostAllowed(request: IncomingMessage): boolean {
    return this.hosts.has(request.headers.host ?? '');
  }

  /** A browser sends Origin on WebSocket upgrades; it must be this very server. */
  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin) return false;
    try {
      const url = new URL(origin);
      return url.protocol === 'http:' && this.hosts.has(url.host);
    } catch {
      return false;
    }
  }

  tokenMatches(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  cookieToken(request: IncomingMessage): string | null {
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === tokenCookie) return value.join('=');
    }
    return null;
  }

  /** The token, from the cookie set on first load or from ?token= in the URL. */
  authorised(request: IncomingMessage, url: URL): boolean {
    return (
      this.tokenMatches(this.cookieToken(request)) ||
      this.tokenMatches(url.searchParams.get('token'))
    );
  }
}
