import { readStaticFile, type StaticFile } from './renderer-files';

/**
 * The desktop app's own scheme: the renderer is served from app://session-desk/, never from
 * file://, where every local file would share the page's origin.
 */
export const appScheme = 'app';
export const appHost = 'session-desk';

/** Where the window's page comes from: app:// normally, the dev server while developing. */
export type RendererSource = { kind: 'app' } | { kind: 'dev-server'; url: string };

export function rendererUrlOf(source: RendererSource): string {
  return source.kind === 'app' ? `${appScheme}://${appHost}/index.html` : source.url;
}

function parsed(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when a URL belongs to our own renderer: the whole origin must match (scheme, host and
 * port), never just a path. app:// URLs have no origin in Node's URL (a non-special scheme),
 * so their scheme and host are compared, and any user info refused.
 */
export function isOwnRendererUrl(url: string, source: RendererSource): boolean {
  const candidate = parsed(url);
  if (!candidate || candidate.username !== '' || candidate.password !== '') return false;
  if (source.kind === 'app') {
    return candidate.protocol === `${appScheme}:` && candidate.host === appHost;
  }
  const own = parsed(source.url);
  return own !== null && candidate.origin !== 'null' && candidate.origin === own.origin;
}

/**
 * The built renderer's file an app:// request names, or null: another host, a path that
 * leaves the folder, or no such file.
 */
export async function appProtocolFile(
  rendererDir: string,
  url: string,
): Promise<StaticFile | null> {
  const requested = parsed(url);
  if (!requested || requested.protocol !== `${appScheme}:` || requested.host !== appHost) {
    return null;
  }
  return readStaticFile(rendererDir, requested.pathname);
}

/**
 * The one permission the page uses: writing text to the clipboard (Copy of the index
 * advice), and only for our own page. Everything else a site may ask for is refused.
 */
export function permissionAllowed(
  permission: string,
  requestingUrl: string,
  source: RendererSource,
): boolean {
  return permission === 'clipboard-sanitized-write' && isOwnRendererUrl(requestingUrl, source);
}
