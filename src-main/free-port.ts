import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer } from 'node:net';

// A port free on a loopback address now. Probing with a bind of our own is racy (another
// process may take the port before the caller binds it), so callers that can retry do.

export async function freeTcpPort(address = '127.0.0.1'): Promise<number> {
  const probe = createServer();
  probe.listen(0, address);
  await once(probe, 'listening');
  const probed = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (probed === null || typeof probed !== 'object') {
    throw new Error('Could not read the port of a loopback probe socket.');
  }
  return probed.port;
}

export async function freeUdpPort(address = '127.0.0.1'): Promise<number> {
  const probe = createSocket(address.includes(':') ? 'udp6' : 'udp4');
  probe.bind(0, address);
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}
