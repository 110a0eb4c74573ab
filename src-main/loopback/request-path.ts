/**
 * The path of a request target, or null when the target is not a plain path on this server
 * (RFC 9112 origin-form): an absolute URL, `*`, a scheme-relative `//host…`, or anything
 * with a space, a control character or a byte past ASCII. Never throws: the caller
 * answers null with 400.
 */
export function requestPath(target: string | undefined): string | null {
  if (target === undefined || !/^\/(?!\/)[\x21-\x7e]*$/.test(target)) return null;
  try {
    return new URL(`http://loopback${target}`).pathname;
  } catch {
    return null;
  }
}
