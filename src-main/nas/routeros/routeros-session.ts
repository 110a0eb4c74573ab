import type { PresentedCertificate } from '@contract';
import type { NasPathError } from '../nas-path-error';
import { checkCertificateBeforeLogin } from './certificate-check';
import { PendingCalls } from './pending-calls';
import { assertRouterOsApiPatched, RouterOSAPI } from './patched-routeros-api';
import { pppActiveFromReply, pppActiveProperties, type PppActive } from './ppp-active';
import {
  commandRefused,
  commandTimedOut,
  connectionDropped,
  connectionFailed,
  loginCancelled,
  loginFailure,
  loginTimedOut,
  nasLabel,
  sessionClosed,
} from './routeros-errors';

export interface RouterOsLogin {
  host: string;
  port: number;
  user: string;
  password: string;
  /** API-SSL (usually port 8729). */
  tls: boolean;
  /**
   * With API-SSL: the SHA-256 (AA:BB:…) the NAS certificate must have, whoever signed it.
   * Null or absent: a CA this workstation trusts must vouch for it, as for any TLS peer.
   */
  tlsFingerprint?: string | null;
  /** Told which certificate an API-SSL NAS presented, trusted or not, before the login. */
  onCertificate?: (certificate: PresentedCertificate) => void;
  /** The longest the operator waits for the login, and then for each command. */
  timeoutMs: number;
  /** Cancels a login in progress: its socket is dropped before the login words can leave. */
  signal?: AbortSignal;
}

/** One logged-in API connection to a NAS, kept for a whole run (a login per call is slow). */
export interface RouterOsSession {
  findActive(username: string): Promise<PppActive[]>;
  /** Every `/ppp/active` entry, with only the fields a reconciliation compares. */
  listActive(): Promise<PppActive[]>;
  removeActive(id: string): Promise<void>;
  close(): Promise<void>;
}

export async function openRouterOsSession(login: RouterOsLogin): Promise<RouterOsSession> {
  assertRouterOsApiPatched();
  const nas = nasLabel(login.host, login.port, login.tls);
  const api = new RouterOSAPI({
    host: login.host,
    port: login.port,
    user: login.user,
    password: login.password,
    // Node is told not to reject: checkCertificateBeforeLogin decides, so that a pinned
    // self-signed certificate is accepted and a refused one is named by its fingerprint.
    tls: login.tls ? { rejectUnauthorized: false } : undefined,
    // The library's idle-socket timer (seconds) is only a reaper, so it runs just after ours:
    // a login we gave up on does not keep its socket.
    timeout: login.timeoutMs / 1000 + 1,
  });
  const calls = new PendingCalls();
  /** Our refusal of the certificate: the reason for whatever the socket then reports. */
  let refusal: NasPathError | null = null;
  // node-routeros re-emits socket errors after login on `api`; with no listener there
  // Node throws them, and the whole app goes down with one NAS.
  api.on('error', (failure: unknown) => calls.loseAll(refusal ?? connectionFailed(nas, failure)));
  api.on('close', () => calls.loseAll(refusal ?? connectionDropped(nas)));

  const cancelLogin = (): void => {
    calls.loseAll(loginCancelled(nas));
    dropSocket(api);
  };
  if (login.signal?.aborted) throw loginCancelled(nas);
  login.signal?.addEventListener('abort', cancelLogin, { once: true });
  await calls
    .run(
      () => {
        const loggingIn = api.connect();
        if (login.tls) {
          checkCertificateBeforeLogin(api, nas, login.tlsFingerprint ?? null, (verdict) => {
            refusal = verdict.refusal;
            login.onCertificate?.(verdict.certificate);
          });
        }
        return loggingIn;
      },
      login.timeoutMs,
      () => loginTimedOut(nas, login.timeoutMs),
      (failure) => refusal ?? loginFailure(nas, login.user, failure),
    )
    .finally(() => login.signal?.removeEventListener('abort', cancelLogin));

  const command = <T>(name: string, words: string[]) =>
    calls.run(
      () => api.write(name, words) as Promise<T>,
      login.timeoutMs,
      () => commandTimedOut(nas, name, login.timeoutMs),
      (failure) => commandRefused(nas, name, failure),
    );

  return {
    async findActive(username) {
      const rows = await command<Record<string, unknown>[]>('/ppp/active/print', [
        `=.proplist=${pppActiveProperties.join(',')}`,
        `?name=${username}`,
      ]);
      return rows.map(pppActiveFromReply);
    },
    async listActive() {
      const rows = await command<Record<string, unknown>[]>('/ppp/active/print', [
        `=.proplist=${pppActiveProperties.join(',')}`,
      ]);
      return rows.map(pppActiveFromReply);
    },
    async removeActive(id) {
      await command('/ppp/active/remove', [`=.id=${id}`]);
    },
    async close() {
      calls.loseAll(sessionClosed(nas));
      // The library's close() does nothing before the login completes, and would then send
      // the login on connect: a cancelled run must not. Drop a half-open socket outright.
      if (!api.connected) {
        dropSocket(api);
        return;
      }
      // A hung NAS may never finish the TCP close; the library's idle timer reaps it then.
      let giveUp: NodeJS.Timeout | undefined;
      await Promise.race([
        api.close().catch(() => undefined),
        new Promise((resolve) => (giveUp = setTimeout(resolve, login.timeoutMs))),
      ]);
      clearTimeout(giveUp);
    },
  };
}

/** node-routeros keeps its socket private; destroying it sends nothing more to the NAS. */
function dropSocket(api: RouterOSAPI): void {
  const connector = (api as unknown as { connector?: { destroy?: () => void } | null }).connector;
  connector?.destroy?.();
}
