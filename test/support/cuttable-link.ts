import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP forwarder on loopback between the app and a real server (PostgreSQL, the RouterOS
 * peer), which a test can cut (every connection dropped, new ones refused at once) and
 * restore: a server that goes away and comes back, without stopping the one other tests
 * share. It also counts connections, e.g. to prove one RouterOS login serves many calls.
 */
export interface CuttableLink {
  host: string;
  port: number;
  /** Connections accepted through the link so far. */
  connections(): number;
  /** Sockets still open, either side. */
  openSockets(): number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function openCuttableLink(
  target: { host: string; port: number },
  host = '127.0.0.1',
): Promise<CuttableLink> {
  let open = true;
  let connections = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (!open) {
      client.destroy();
      return;
    }
    connections += 1;
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return {
    host,
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    openSockets: () => sockets.size,
    cut: () => {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => {
      open = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
