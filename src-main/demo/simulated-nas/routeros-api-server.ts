import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { encodeSentence, SentenceReader } from './api-words';
import {
  answerCommand,
  answerLogin,
  readCommand,
  type PeerCommand,
  type PeerCredentials,
  type ReplyWord,
} from './peer-commands';
import type { PeerPppSession } from './ppp-active-table';

/** Ways a test can make the peer misbehave; they may be changed while connections are open. */
export interface RouterOsPeerSwitches {
  /** Delay every reply by this many milliseconds. */
  slowMs: number;
  /** Accept connections and read commands, but never answer (login included). */
  silent: boolean;
  /** Close the connection right after a successful login. */
  dropAfterLogin: boolean;
  /** Answer this command with `!fatal` and close the connection. */
  fatalOn: string | null;
  /** Answer a print that matches nothing with `!empty` then `!done`, as RouterOS 7.18+ does. */
  emptyReplies: boolean;
  /** Write replies in pieces of this many bytes, one TCP read each (0: whole). */
  fragmentBytes: number;
}

export interface RouterOsPeer {
  host: string;
  port: number;
  /** The `/ppp/active` table: tests seed it, `/ppp/active/remove` shrinks it. */
  sessions: PeerPppSession[];
  switches: RouterOsPeerSwitches;
  /** Resolves once a client has sent this command (answered or not). */
  received(commandName: string): Promise<void>;
  /** Closes every open connection with a TCP reset: the client sees a socket error. */
  resetConnections(): void;
  /** Closes every open connection in the ordinary way. */
  dropConnections(): void;
  close(): Promise<void>;
}

export interface RouterOsPeerOptions {
  credentials: PeerCredentials;
  sessions?: PeerPppSession[];
  switches?: Partial<RouterOsPeerSwitches>;
  /** A loopback address; Linux routes all of 127/8 to lo. */
  host?: string;
  /** Serve API-SSL with this key and certificate (PEM) instead of the plain API. */
  tls?: { key: string; cert: string };
  /**
   * Called after `/ppp/active/remove` took an entry out of the table, once the client has
   * its `!done`: where a real BNG would send the Accounting-Stop (an e2e test writes it).
   */
  onRemove?: (session: PeerPppSession) => void | Promise<void>;
}

/** A RouterOS API peer on loopback, written from MikroTik's API protocol description. */
export async function startRouterOsPeer(options: RouterOsPeerOptions): Promise<RouterOsPeer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const receivedNames = new Set<string>();
  const waiters: { name: string; resolve: () => void }[] = [];
  const switches: RouterOsPeerSwitches = {
    slowMs: 0,
    silent: false,
    dropAfterLogin: false,
    fatalOn: null,
    emptyReplies: true,
    fragmentBytes: 0,
    ...options.switches,
  };
  const peer = { sessions: options.sessions ?? [], switches };

  const noteReceived = (name: string) => {
    receivedNames.add(name);
    for (const waiter of waiters.filter((candidate) => candidate.name === name)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const serve = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that vanishes is an ordinary event for the peer, not a test failure.
    socket.on('error', () => socket.destroy());
    const reader = new SentenceReader();
    let loggedIn = false;
    let writing = Promise.resolve();

    const send = (command: PeerCommand, replies: ReplyWord[][], then?: () => void) => {
      if (peer.switches.silent) return;
      const tagged = replies.map((words) =>
        command.tag === null ? words : [...words, `.tag=${command.tag}`],
      );
      const write = () => {
        const bytes = Buffer.concat(tagged.map((words) => encodeSentence(words)));
        // One reply after another: pieces of two replies must never interleave.
        writing = writing
          .then(() => writeInPieces(socket, bytes, peer.switches.fragmentBytes))
          .then(() => then?.());
      };
      if (peer.switches.slowMs > 0) setTimeout(write, peer.switches.slowMs);
      else write();
    };

    socket.on('data', (chunk) => {
      for (const words of reader.push(chunk)) {
        const command = readCommand(words);
        noteReceived(command.name);
        if (command.name === '/login') {
          const login = answerLogin(command, options.credentials);
          loggedIn = login.accepted;
          send(command, login.replies, () => {
            if (loggedIn && peer.switches.dropAfterLogin) socket.end();
          });
        } else if (!loggedIn) {
          send(command, [['!fatal', 'not logged in']], () => socket.end());
        } else if (command.name === peer.switches.fatalOn) {
          send(command, [['!fatal', 'session terminated on request']], () => socket.end());
        } else {
          const before = command.name === '/ppp/active/remove' ? [...peer.sessions] : [];
          const replies = answerCommand(command, peer.sessions, peer.switches.emptyReplies);
          const removed = before.filter((session) => !peer.sessions.includes(session));
          send(command, replies, () => {
            for (const session of removed) void reportRemoved(session);
          });
        }
      }
    });
  };
  const reportRemoved = async (session: PeerPppSession) => {
    try {
      await options.onRemove?.(session);
    } catch (failure) {
      // The hook belongs to the test; its failure must show there, not kill the peer.
      console.error('routeros-peer onRemove failed:', failure);
    }
  };

  // No Nagle: each fragment leaves as its own segment, as a real NAS's writes may.
  const server: Server = options.tls
    ? createTlsServer({ ...options.tls, noDelay: true }, serve)
    : createServer({ noDelay: true }, serve);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });

  return {
    host,
    port: (server.address() as AddressInfo).port,
    get sessions() {
      return peer.sessions;
    },
    set sessions(sessions) {
      peer.sessions = sessions;
    },
    switches: peer.switches,
    received: (name) =>
      receivedNames.has(name)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ name, resolve })),
    resetConnections: () => {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    dropConnections: () => {
      for (const socket of sockets) socket.end();
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
