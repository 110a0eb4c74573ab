import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRouterOsSession } from '../../../src-main/nas/routeros';
import { loginTo, usePeers } from '../../support/routeros-peer/peer-fixture';

/** A self-signed certificate, as most RouterOS API-SSL services present. */
function selfSignedCertificate(folder: string): { key: string; cert: string } {
  const key = join(folder, 'key.pem');
  const cert = join(folder, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

describe('RouterOS API-SSL', () => {
  const peers = usePeers();
  const folder = mkdtempSync(join(tmpdir(), 'session-desk-api-ssl-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('says why it will not talk to a NAS whose certificate is not trusted', async () => {
    const peer = await peers.start({ tls: selfSignedCertificate(folder) });
    await expect(openRouterOsSession(loginTo(peer, { tls: true }))).rejects.toMatchObject({
      code: 'NAS_UNREACHABLE',
      message:
        `RouterOS API-SSL at 127.0.0.1:${peer.port} presented a TLS certificate this ` +
        'workstation does not trust (DEPTH_ZERO_SELF_SIGNED_CERT).',
    });
  });
});
