import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import {
  answerCommand,
  answerLogin,
  readCommand,
  type ApiCommand,
  type ApiCredentials,
  type ReplyWord,
} from './api-commands';
import { encodeSentence, SentenceReader } from './api-words';
import type { PppActiveSession, PppActiveTable } from './ppp-active-table';

/**
 * Fault injection for tests: ways to make the server misbehave as a broken or overloaded
 * router would. The demo leaves them all off. They may be changed while connections are open.
 */
export interface RouterOsApiFaults {
  /** Delay every reply by this many milliseconds. */
  slowMs: number;
  /** Accept connections and read commands, but never answer (login included). */
  silent: boolean;
  /** Close the connection right after a successful login. */
  dropAfterLogin: boolean;
  /** Answer this command with `!fatal` and close the connection. */
  fatalOn: string | null;
  /** Write replies in pieces of this many bytes, one TCP read each (0: whole). */
  fragmentBytes: number;
}

export interface RouterOsApiServerOptions {
  /** A loopback address; Linux routes all of 127/8 to lo. */
  host: string;
  credentials: ApiCredentials;
  table: PppActiveTable;
  /** Answer a print that matches nothing with `!empty` then `!done`, as RouterOS 7.18+ does. */
  emptyReplies?: boolean;
  /** Serve API-SSL with this key and certificate (PEM) instead of the plain API. */
  tls?: { key: string; cert: string };
  /** Seen for every command as it arrives, answered or not, with its words as sent. */
  onCommand?: (name: string, words: readonly Buffer[]) => void;
  /** Called once the client has the `!done` of a remove: where a BNG sends its Accounting-Stop. */
  onRemoved?: (session: PppActiveSession) => void;
  faults?: Partial<RouterOsApiFaults>;
}

export interface RouterOsApiServer {
  host: string;
  port: number;
  /** The live fault switches (all off unless the options set some). */
  faults: RouterOsApiFaults;
  /** Closes every open connection, in the ordinary way or with a TCP reset. */
  dropConnections(how: 'close' | 'reset'): void;
  close(): Promise<void>;
}

/** A RouterOS API server (`/login`, `/ppp/active`), written from MikroTik's protocol description. */
export async function startRouterOsApiServer(
  options: RouterOsApiServerOptions,
): Promise<RouterOsApiServer> {
  const sockets = new Set<Socket>();
  const faults: RouterOsApiFaults = {
    slowMs: 0,
    silent: false,
    dropAfterLogin: false,
    fatalOn: null,
    fragmentBytes: 0,
    ...options.faults,
  };

  const serve = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that vanishes is an ordinary event for a server.
    socket.on('error', () => socket.destroy());
    const reader = new SentenceReader();
    let loggedIn = false;
    let writing = Promise.resolve();
    // Commands are answered in the order they came, though the table answers asynchronously.
    let answering = Promise.resolve();

    const send = (command: ApiCommand, replies: ReplyWord[][], then?: () => void) => {
      if (faults.silent) return;
      const tagged = replies.map((words) =>
        command.tag === null ? words : [...words, `.tag=${command.tag}`],
      );
      const write = () => {
        const bytes = Buffer.concat(tagged.map((words) => encodeSentence(words)));
        // One reply after another: pieces of two replies must never interleave.
        writing = writing
          .then(() => writeInPieces(socket, bytes, faults.fragmentBytes))
          .then(() => then?.());
      };
      if (faults.slowMs > 0) setTimeout(write, faults.slowMs);
      else write();
    };

    const answer = async (command: ApiCommand) => {
      if (command.name === '/login') {
        const login = answerLogin(command, options.credentials);
        loggedIn = login.accepted;
        send(command, login.replies, () => {
          if (loggedIn && faults.dropAfterLogin) socket.end();
        });
      } else if (!loggedIn) {
        send(command, [['!fatal', 'not logged in']], () => socket.end());
      } else if (command.name === faults.fatalOn) {
        send(command, [['!fatal', 'session terminated on request']], () => socket.end());
      } else {
        const { replies, removed } = await answerCommand(
          command,
          options.table,
          options.emptyReplies ?? false,
        );
        send(command, replies, () => {
          if (removed) options.onRemoved?.(removed);
        });
      }
    };

    socket.on('data', (chunk) => {
      for (const words of reader.push(chunk)) {
        const command = readCommand(words);
        options.onCommand?.(command.name, words);
        answering = answering
          .then(() => answer(command))
          .catch((failure: unknown) => {
            // The table could not answer (the demo's database went away): say so, as a trap.
            const message = failure instanceof Error ? failure.message : String(failure);
            send(command, [['!trap', `=message=${message}`], ['!done']]);
          });
      }
    });
  };

  // No Nagle: each fragment leaves as its own segment, as a real NAS's writes may.
  const server: Server = options.tls
    ? createTlsServer({ ...options.tls, noDelay: true }, serve)
    : createServer({ noDelay: true }, serve);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host, resolve);
  });

  return {
    host: options.host,
    port: (server.address() as AddressInfo).port,
    faults,
    dropConnections: (how) => {
      for (const socket of sockets) {
        if (how === 'reset') socket.resetAndDestroy();
        else socket.end();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes the bytes whole, or in pieces with a pause between, so the client reads each alone. */
async function writeInPieces(socket: Socket, bytes: Buffer, pieceBytes: number): Promise<void> {
  const size = pieceBytes > 0 ? pieceBytes : bytes.length;
  for (let offset = 0; offset < bytes.length; offset += size) {
    if (socket.destroyed) return;
    if (offset > 0) await new Promise((resolve) => setTimeout(resolve, 1));
    socket.write(bytes.subarray(offset, offset + size));
  }
}
