import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP relay in front of the RouterOS peer that counts connections: one login each. */
export interface CountingRelay {
  host: string;
  port: number;
  /** Connections made through the relay so far. */
  connections(): number;
  /** Connections still open, either side. */
  openSockets(): number;
  close(): Promise<void>;
}

export async function startCountingRelay(
  host: string,
  to: { host: string; port: number },
): Promise<CountingRelay> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    connections += 1;
    const upstream = connect(to.port, to.host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
