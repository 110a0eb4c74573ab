// Bytes on a plain TCP socket, for requests and WebSocket frames that well-behaved clients
// (node:http, ws, a browser) refuse to send: malformed targets, raw non-Latin-1 headers,
// unmasked or oversized frames.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Sends the bytes and collects whatever comes back until the server closes or goes quiet. */
export function rawExchange(port: number, bytes: Buffer | string, quietMs = 1500): Promise<Buffer> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let timer = setTimeout(finish, quietMs);
    function finish(): void {
      clearTimeout(timer);
      socket.destroy();
      done(Buffer.concat(chunks));
    }
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => socket.write(bytes));
  });
}

/** The status code of the first response line, or null when the server sent none. */
export function statusOf(response: Buffer): number | null {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(response.toString('latin1'));
  return match ? Number(match[1]) : null;
}

export interface FrameOptions {
  /** 1 text, 2 binary, 8 close, 9 ping; 0 continuation. */
  opcode?: number;
  /** Clients must mask; false sends the frame unmasked, as no client may. */
  mask?: boolean;
  fin?: boolean;
  /** The three reserved bits, 0-7. */
  rsv?: number;
}

/** One WebSocket frame (RFC 6455 §5.2), built by hand. */
export function wsFrame(payload: Buffer | string, options: FrameOptions = {}): Buffer {
  const { opcode = 1, mask = true, fin = true, rsv = 0 } = options;
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const first = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  let header: Buffer;
  if (body.length < 126) {
    header = Buffer.from([first, (mask ? 0x80 : 0) | body.length]);
  } else if (body.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 126;
    header.writeUInt16BE(body.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(body.length), 2);
  }
  if (!mask) return Buffer.concat([header, body]);
  const key = randomBytes(4);
  const masked = Buffer.from(body);
  for (let i = 0; i < masked.length; i += 1) masked[i]! ^= key[i % 4]!;
  return Buffer.concat([header, key, masked]);
}

/** A WebSocket opened by hand: send raw frames, read what the server answers. */
export interface RawSocket {
  /** The handshake's status code (101 when upgraded). */
  status: number | null;
  send(bytes: Buffer): void;
  /** Resolves with the close code the server sent (null: it just dropped the connection). */
  closed: Promise<number | null>;
  /** Text frames received so far. */
  messages: string[];
  destroy(): void;
}

export function openRawSocket(
  port: number,
  headers: Record<string, string>,
  path = '/bridge',
): Promise<RawSocket> {
  return new Promise((resolveOpen, rejectOpen) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    let buffer = Buffer.alloc(0);
    let status: number | null = null;
    let upgraded = false;
    const messages: string[] = [];
    let settleClosed: (code: number | null) => void = () => undefined;
    const closed = new Promise<number | null>((done) => (settleClosed = done));
    let closeCode: number | null = null;
    const raw: RawSocket = {
      get status() {
        return status;
      },
      send: (bytes) => socket.write(bytes),
      closed,
      messages,
      destroy: () => socket.destroy(),
    };
    socket.on('error', () => undefined);
    socket.on('close', () => {
      settleClosed(closeCode);
      if (!upgraded) resolveOpen(raw);
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        status = statusOf(buffer);
        buffer = buffer.subarray(end + 4);
        upgraded = true;
        if (status !== 101) {
          socket.destroy();
          resolveOpen(raw);
          return;
        }
        resolveOpen(raw);
      }
      // Server frames are unmasked and, here, short: read whole frames as they complete.
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const payload = buffer.subarray(offset, offset + length);
        buffer = buffer.subarray(offset + length);
        if (opcode === 1) messages.push(payload.toString('utf8'));
        if (opcode === 8) {
          closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : null;
          // Answer as a browser does, so the server ends the connection now rather than
          // when its closing handshake times out (which cost every such test 10 s).
          if (!socket.destroyed) socket.end(wsFrame(payload.subarray(0, 2), { opcode: 8 }));
          settleClosed(closeCode);
        }
      }
    });
    socket.on('connect', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'));
    });
    socket.setTimeout(10_000, () => {
      socket.destroy();
      rejectOpen(new Error('no handshake answer within 10 s'));
    });
  });
}
