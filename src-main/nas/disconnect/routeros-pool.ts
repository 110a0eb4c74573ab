import { OperatorError } from '../../operator-error';
import { openRouterOsSession, type RouterOsSession } from '../routeros';
import type { NasAccess } from './disconnect-input';

/** Logged-in API connections, one per NAS, shared by the disconnects of a run. */
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
export function createRouterOsPool(options: { apiTimeoutMs: number }): RouterOsPool {
  const sessions = new Map<string, PooledSession>();

  const forget = (nasIp: string, pooled: PooledSession): void => {
    if (sessions.get(nasIp) !== pooled) return;
    sessions.delete(nasIp);
    void pooled.opening.then((session) => session.close()).catch(() => undefined);
  };

  const open = (nasIp: string, access: NasAccess, login: string): PooledSession => {
    if (access.apiUser === null) {
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
        user: access.apiUser,
        // RouterOS allows a user without a password.
        password: access.apiPassword ?? '',
        tls: access.apiTls,
        timeoutMs: options.apiTimeoutMs,
      }).then(
        (session) => forgetWhenLost(session, () => forget(nasIp, pooled)),
        (failure: unknown) => {
          forget(nasIp, pooled);
          throw failure;
        },
      ),
    };
    return pooled;
  };

  return {
    async get(nasIp, access) {
      const login = [access.apiUser, access.apiPassword, access.apiPort, access.apiTls].join('\n');
      const pooled = sessions.get(nasIp);
      if (pooled?.login === login) return pooled.opening;
      if (pooled) forget(nasIp, pooled);
      const fresh = open(nasIp, access, login);
      sessions.set(nasIp, fresh);
      return fresh.opening;
    },
    async closeAll() {
      const pooledSessions = [...sessions.values()];
      sessions.clear();
      await Promise.all(
        pooledSessions.map((pooled) =>
          pooled.opening.then((session) => session.close()).catch(() => {}),
        ),
      );
    },
  };
}

/**
 * A lost connection or an unanswered command leaves the connection useless (the library
 * fails every later call at once); a `!trap` does not, the NAS just refused that command.
 */
function forgetWhenLost(session: RouterOsSession, forget: () => void): RouterOsSession {
  const watch = <T>(call: Promise<T>): Promise<T> =>
    call.catch((failure: unknown) => {
      if (!(failure instanceof OperatorError) || failure.code !== 'NAS_REJECTED') forget();
      throw failure;
    });
  return {
    findActive: (username) => watch(session.findActive(username)),
    removeActive: (id) => watch(session.removeActive(id)),
    close: () => session.close(),
  };
}
