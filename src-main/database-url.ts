import { profileDraftSchema, sslModes, type ProfileDraft, type SslMode } from '@contract';

export type DatabaseUrlReading = { ok: true; draft: ProfileDraft } | { ok: false; message: string };

const isSslMode = (mode: string): mode is SslMode => (sslModes as readonly string[]).includes(mode);

/**
 * A connection profile from a libpq-style URL, for a host with no screen:
 * postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]. Without a password in the
 * URL, `passwordFromEnvironment` (PGPASSWORD) is used; without either, the profile's stored
 * one is kept. sslmode defaults to prefer, as libpq's does.
 */
export function profileFromDatabaseUrl(
  text: string,
  name: string | undefined,
  passwordFromEnvironment: string | undefined,
): DatabaseUrlReading {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: `--database-url "${text}" is not a URL such as postgres://radius@db.example:5432/radius.`,
    };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return {
      ok: false,
      message: `--database-url must start with postgres:// (not ${url.protocol}//).`,
    };
  }
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return null;
    }
  };
  const user = decode(url.username);
  const database = decode(url.pathname.replace(/^\//, ''));
  const password = url.password === '' ? undefined : decode(url.password);
  if (!user || !database || password === null) {
    return {
      ok: false,
      message:
        '--database-url needs a user and a database: postgres://USER@HOST:PORT/DATABASE (percent-encode special characters).',
    };
  }
  const sslMode = url.searchParams.get('sslmode') ?? 'prefer';
  if (!isSslMode(sslMode)) {
    return {
      ok: false,
      message: `sslmode=${sslMode} is not one Session Desk knows: use ${sslModes.join(', ')}.`,
    };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? 5432 : Number(url.port);
  const parsed = profileDraftSchema.safeParse({
    id: null,
    name: name ?? `${user}@${host}:${port}/${database}`,
    host,
    port,
    database,
    user,
    sslMode,
    password: password ?? passwordFromEnvironment ?? null,
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  return { ok: true, draft: parsed.data };
}
