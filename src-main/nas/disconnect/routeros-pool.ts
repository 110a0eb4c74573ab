import { OperatorError } from '../../operator-error';
import { openRouterOsSession, type RouterOsSession } from '../routeros';
import type { NasAccess } from './disconnect-input';

/**
 * Logged-in API connections, one per NAS, shared by the disconnects of a run. The sessions
 * `get` hands out belong to the pool: their close() leaves the connection for the next
 * disconnect, and closeAll() ends them all.
 */
export interface RouterOsPool {
  get(nasIp: string, access: NasAccess): Promise<RouterOsSession>;
  closeAll(): Promise<void>;
}

interface PooledSession {
  /** Which login the connection was made with: changed credentials need a new one. */
  login: string;
  opening: Promise<RouterOsSession>;
}

/**
 * Opens a NAS's connection on first use and hands the same one out after that (a login per
 * disconnect would double a bulk run's round trips). A connection that was lost, timed out
 * or never logged in is forgotten, so the next disconnect on that NAS logs in afresh.
 */
export function createRouterOsPool(options: {
  apiTimeoutMs: number;
  /** The run's Cancel: a login still in progress is dropped before its words leave. */
  signal?: AbortSignal;
}): RouterOsPool {
  const sessions = new Map<string, PooledSession>();

  const forget = (nasIp: string, pooled: PooledSession): void => {
    if (sessions.get(nasIp) !== pooled) return;
    sessions.delete(nasIp);
    void pooled.opening.then((session) => session.close()).catch(() => undefined);
  };

  const open = (nasIp: string, access: NasAccess, login: string): PooledSession => {
    const user = access.apiUser;
    if (!user) {
      throw new OperatorError(
        'INVALID_INPUT',
        `No RouterOS API user is set for NAS ${nasIp}: add one in Settings → NAS.`,
      );
    }
    const pooled: PooledSession = {
      login,
      opening: openRouterOsSession({
        host: nasIp,
        port: access.apiPort,
        user,
        // RouterOS allows a user without a password.
        password: access.apiPassword ?? '',
        tls: access.apiTls,
        tlsFingerprint: access.apiTlsFingerprint,
        timeoutMs: options.apiTimeoutMs,
        signal: options.signal,
      }).catch((failure: unknown) => {
        forget(nasIp, pooled);
        throw failure;
      }),
    };
    sessions.set(nasIp, pooled);
    return pooled;
  };

  /** A lost connection or an unanswered command leaves a connection useless: forget it. */
  const watched = (nasIp: string, pooled: PooledSession, session: RouterOsSession) => {
    const watch = <T>(call: Promise<T>): Promise<T> =>
      call.catch((failure: unknown) => {
        // A `!trap` refuses one command on a healthy connection; after anything else the
        // client fails every call at once.
        if (!(failure instanceof OperatorError) || failure.code !== 'NAS_REJECTED') {
          forget(nasIp, pooled);
        }
        throw failure;
      });
    return {
      findActive: (username: string) => watch(session.findActive(username)),
      listActive: () => watch(session.listActive()),
      removeActive: (id: string) => watch(session.removeActive(id)),
    };
  };

  const get = async (nasIp: string, access: NasAccess): Promise<RouterOsSession> => {
    const login = [
      access.apiUser,
      access.apiPassword,
      access.apiPort,
      access.apiTls,
      access.apiTlsFingerprint,
    ].join('\n');
    const known = sessions.get(nasIp);
    if (known && known.login !== login) forget(nasIp, known);
    const reused = known?.login === login;
    const pooled = reused ? known : open(nasIp, access, login);
    const raw = await pooled.opening;
    let session: Omit<RouterOsSession, 'close'> = watched(nasIp, pooled, raw);
    return {
      async findActive(username) {
        const finding = session.findActive(username);
        // A kept connection may have died while idle (the NAS or the library's idle timer
        // closed it); the client then fails at once, before any I/O. The print is
        // read-only, so asking again on a fresh login is safe and costs no extra timeout;
        // the remove that follows goes to that fresh connection too.
        if (reused && (await failedWithoutIo(finding))) {
          forget(nasIp, pooled);
          session = await get(nasIp, access);
          return session.findActive(username);
        }
        return finding;
      },
      removeActive: (id) => session.removeActive(id),
      listActive: () => session.listActive(),
      // The pool owns its connections: closeAll() ends them.
      close: async () => undefined,
    };
  };

  return {
    get,
    async closeAll() {
      const pooledSessions = [...sessions.values()];
      sessions.clear();
      await Promise.all(
        pooledSessions.map((pooled) =>
          pooled.opening.then((session) => session.close()).catch(() => undefined),
        ),
      );
    },
  };
}

/** Whether the call has already failed by the time pending I/O could have been read. */
function failedWithoutIo(call: Promise<unknown>): Promise<boolean> {
  return Promise.race([
    call.then(
      () => false,
      () => true,
    ),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
  ]);
}
