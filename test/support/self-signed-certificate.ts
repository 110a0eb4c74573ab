import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SelfSignedCertificate {
  /** PEM, for a peer's TLS server. */
  key: string;
  cert: string;
  /** SHA-256 as AA:BB:…, read by OpenSSL's certificate parser, not by the TLS client. */
  fingerprint: string;
}

/** A self-signed certificate made by openssl, as most RouterOS API-SSL services present. */
export function selfSignedCertificate(folder: string, commonName: string): SelfSignedCertificate {
  const key = join(folder, `${commonName}.key.pem`);
  const cert = join(folder, `${commonName}.cert.pem`);
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
      `/CN=${commonName}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const pem = readFileSync(cert, 'utf8');
  return {
    key: readFileSync(key, 'utf8'),
    cert: pem,
    fingerprint: new X509Certificate(pem).fingerprint256,
  };
}
