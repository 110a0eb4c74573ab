import {
  startRouterOsApiServer,
  type RouterOsApiFaults,
} from '../../../src-main/demo/simulated-nas/routeros-api-server';
import type { ApiCredentials } from '../../../src-main/demo/simulated-nas/api-commands';
import type { PppActiveSession } from '../../../src-main/demo/simulated-nas/ppp-active-table';

/** Ways a test can make the peer misbehave; they may be changed while connections are open. */
export interface RouterOsPeerSwitches extends RouterOsApiFaults {
  /** Answer a print that matches nothing with `!empty` then `!done`, as RouterOS 7.18+ does. */
  readonly emptyReplies: boolean;
}

/** One sentence as the peer read it, with when (performance.now()). */
export interface ReceivedSentence {
  receivedAt: number;
  words: string[];
}

export interface RouterOsPeer {
  host: string;
  port: number;
  /** Every sentence any client sent, login included, in arrival order. */
  sentences: ReceivedSentence[];
  /** The `/ppp/active` table: tests seed it, `/ppp/active/remove` shrinks it. */
  sessions: PppActiveSession[];
  switches: RouterOsPeerSwitches;
  /** Resolves once a client has sent this command (answered or not). */
  received(commandName: string): Promise<void>;
  /** Every command name a client has sent so far (`/login` included). */
  commandsReceived(): string[];
  /** Closes every open connection with a TCP reset: the client sees a socket error. */
  resetConnections(): void;
  /** Closes every open connection in the ordinary way. */
  dropConnections(): void;
  close(): Promise<void>;
}

export interface RouterOsPeerOptions {
  credentials: ApiCredentials;
  sessions?: PppActiveSession[];
  switches?: Partial<RouterOsPeerSwitches>;
  /** A loopback address; Linux routes all of 127/8 to lo. */
  host?: string;
  /** Serve API-SSL with this key and certificate (PEM) instead of the plain API. */
  tls?: { key: string; cert: string };
  /**
   * Called after `/ppp/active/remove` took an entry out of the table, once the client has
   * its `!done`: where a real BNG would send the Accounting-Stop (an e2e test writes it).
   */
  onRemove?: (session: PppActiveSession) => void | Promise<void>;
}

/**
 * The simulated NAS's RouterOS API server over an in-memory `/ppp/active` table that a test
 * seeds and inspects, with its fault switches in reach.
 */
export async function startRouterOsPeer(options: RouterOsPeerOptions): Promise<RouterOsPeer> {
  const receivedNames = new Set<string>();
  const sentences: ReceivedSentence[] = [];
  const waiters: { name: string; resolve: () => void }[] = [];
  const { emptyReplies = true, ...faults } = options.switches ?? {};
  const peer = { sessions: options.sessions ?? [] };

  const noteReceived = (name: string, words: readonly Buffer[]) => {
    sentences.push({
      receivedAt: performance.now(),
      words: words.map((word) => word.toString('utf8')),
    });
    receivedNames.add(name);
    for (const waiter of waiters.filter((candidate) => candidate.name === name)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const reportRemoved = async (session: PppActiveSession) => {
    try {
      await options.onRemove?.(session);
    } catch (failure) {
      // The hook belongs to the test; its failure must show there, not kill the peer.
      console.error('routeros-peer onRemove failed:', failure);
    }
  };

  const server = await startRouterOsApiServer({
    host: options.host ?? '127.0.0.1',
    credentials: options.credentials,
    tls: options.tls,
    faults,
    onCommand: noteReceived,
    onRemoved: (session) => void reportRemoved(session),
    emptyReplies,
    table: {
      candidates: () => Promise.resolve(peer.sessions),
      remove: (id) => {
        const index = peer.sessions.findIndex((session) => session.id === id);
        return Promise.resolve(index < 0 ? null : (peer.sessions.splice(index, 1)[0] ?? null));
      },
    },
  });
  // The server's live fault switches, plus the RouterOS version's behaviour (fixed at start).
  const switches: RouterOsPeerSwitches = Object.assign(server.faults, { emptyReplies });

  return {
    host: server.host,
    port: server.port,
    sentences,
    get sessions() {
      return peer.sessions;
    },
    set sessions(sessions) {
      peer.sessions = sessions;
    },
    switches,
    received: (name) =>
      receivedNames.has(name)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ name, resolve })),
    commandsReceived: () => [...receivedNames],
    resetConnections: () => server.dropConnections('reset'),
    dropConnections: () => server.dropConnections('close'),
    close: () => server.close(),
  };
}
