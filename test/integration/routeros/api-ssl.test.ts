import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PresentedCertificate } from '@contract';
import { afterAll, describe, expect, it } from 'vitest';
import { openRouterOsSession, type RouterOsLogin } from '../../../src-main/nas/routeros';
import { loginTo, usePeers } from '../../support/routeros-peer/peer-fixture';
import { caSignedCertificate, selfSignedCertificate } from '../../support/self-signed-certificate';

const loginProbe = fileURLToPath(
  new URL('../../support/routeros-peer/login-probe.ts', import.meta.url),
);

/** Logs in from a fresh Node that also trusts caFile, as if the CA were in the system store. */
function loginTrusting(caFile: string, login: RouterOsLogin): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', loginProbe, JSON.stringify(login)],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile }, timeout: 20_000 },
      (failure, stdout) => (failure ? reject(failure) : resolve(JSON.parse(stdout))),
    );
  });
}

const pppSession = {
  id: '*2A',
  name: 'alice@isp.example',
  address: '100.64.1.5',
  callerId: 'AA:BB:CC:00:00:01',
};

describe('RouterOS API-SSL', () => {
  const peers = usePeers();
  const folder = mkdtempSync(join(tmpdir(), 'session-desk-api-ssl-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const bngWest = selfSignedCertificate(folder, 'bng-west');
  const rekeyed = selfSignedCertificate(folder, 'bng-west-rekeyed');

  it('with no pin, refuses a self-signed certificate and names its fingerprint', async () => {
    const peer = await peers.start({ tls: bngWest });
    const presented: PresentedCertificate[] = [];
    const opening = openRouterOsSession(
      loginTo(peer, { tls: true, onCertificate: (certificate) => presented.push(certificate) }),
    );
    await expect(opening).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
      message:
        `RouterOS API-SSL at 127.0.0.1:${peer.port} presented a TLS certificate this ` +
        `workstation does not trust (DEPTH_ZERO_SELF_SIGNED_CERT), SHA-256 ${bngWest.fingerprint}. ` +
        'Test NAS shows it; trust it in Settings → NAS if it matches the one on the router ' +
        '(/certificate print detail).',
    });
    expect(presented).toEqual([
      { fingerprint: bngWest.fingerprint, subject: 'CN=bng-west', trusted: 'untrusted' },
    ]);
  });

  it('with the pinned fingerprint, logs in and disconnects a session over TLS', async () => {
    const peer = await peers.start({ tls: bngWest, sessions: [{ ...pppSession }] });
    const presented: PresentedCertificate[] = [];
    const session = await peers.open(peer, {
      tls: true,
      tlsFingerprint: bngWest.fingerprint,
      onCertificate: (certificate) => presented.push(certificate),
    });
    expect(presented).toEqual([
      { fingerprint: bngWest.fingerprint, subject: 'CN=bng-west', trusted: 'pinned' },
    ]);
    const [active] = await session.findActive('alice@isp.example');
    expect(active?.id).toBe('*2A');
    await session.removeActive('*2A');
    expect(peer.sessions).toEqual([]);
  });

  it('refuses a certificate that is not the pinned one, before sending the login', async () => {
    const peer = await peers.start({ tls: rekeyed });
    const opening = openRouterOsSession(
      loginTo(peer, { tls: true, tlsFingerprint: bngWest.fingerprint }),
    );
    await expect(opening).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
      message:
        `RouterOS API-SSL at 127.0.0.1:${peer.port} presented certificate SHA-256 ` +
        `${rekeyed.fingerprint} but the pinned one is ${bngWest.fingerprint}: the certificate ` +
        'changed — if the NAS was re-keyed, trust the new one in Settings → NAS.',
    });
    // The password went nowhere: the peer never saw a /login.
    const loginSeen = await Promise.race([
      peer.received('/login').then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 200)),
    ]);
    expect(loginSeen).toBe(false);
  });

  it('with no pin, still trusts a certificate signed by a CA the workstation trusts', async () => {
    const signed = caSignedCertificate(folder);
    const peer = await peers.start({ tls: signed });
    const login = loginTo(peer, { tls: true });
    expect(await loginTrusting(signed.caFile, login)).toEqual({
      loggedIn: true,
      presented: [{ fingerprint: signed.fingerprint, subject: 'CN=127.0.0.1', trusted: 'ca' }],
    });
    // The same certificate without its CA is refused: the trust came from the CA.
    await expect(openRouterOsSession(login)).rejects.toMatchObject({
      message: expect.stringContaining(
        `(UNABLE_TO_VERIFY_LEAF_SIGNATURE), SHA-256 ${signed.fingerprint}`,
      ),
    });
  });
});
