import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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

export interface CaSignedCertificate extends SelfSignedCertificate {
  /** The CA's certificate file, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
}

/** A CA, and a certificate it signed for 127.0.0.1: what a NAS with a proper PKI presents. */
export function caSignedCertificate(folder: string): CaSignedCertificate {
  const file = (name: string) => join(folder, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=Test ISP CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    file('ca.key.pem'),
    '-out',
    file('ca.cert.pem'),
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    file('leaf.key.pem'),
    '-out',
    file('leaf.csr'),
  ]);
  writeFileSync(file('leaf.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl([
    'x509',
    '-req',
    '-in',
    file('leaf.csr'),
    '-CA',
    file('ca.cert.pem'),
    '-CAkey',
    file('ca.key.pem'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('leaf.ext'),
    '-out',
    file('leaf.cert.pem'),
  ]);
  const pem = readFileSync(file('leaf.cert.pem'), 'utf8');
  return {
    key: readFileSync(file('leaf.key.pem'), 'utf8'),
    cert: pem,
    fingerprint: new X509Certificate(pem).fingerprint256,
    caFile: file('ca.cert.pem'),
  };
}
