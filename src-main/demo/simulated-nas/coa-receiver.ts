import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { readDisconnectRequest, type DisconnectRequest } from './disconnect-request';
import {
  encodeDisconnectReply,
  type DisconnectAnswer,
  type ReplyCorruption,
} from './disconnect-reply';

/**
 * Fault injection for tests: what a broken or careless NAS does on the wire. The demo leaves
 * them all off; by default each verified request gets one immediate, correct reply. They
 * are read as each request arrives, so a test may change them while the receiver runs.
 */
export interface CoaReceiverFaults {
  /** Stay silent until this transmission arrives (1 = the first; counts every datagram). */
  answerOnTransmission?: number;
  /** Answer this long after the request arrives. */
  delayMs?: number;
  /** Send the answer this many times. */
  copies?: number;
  /** Spoil one field of an otherwise correct answer. */
  corrupt?: ReplyCorruption;
  /** Spoil only the answers to the first this many transmissions; all of them when absent. */
  corruptTransmissions?: number;
  /** Answer from a second socket on this loopback address (another port when it is ours). */
  replyFrom?: string;
  /** Answer even requests whose authenticator fails, as a careless NAS would. */
  answerUnverified?: boolean;
}

export interface CoaReceiverOptions {
  /** A loopback address; the port is picked free unless given. */
  address: string;
  port?: number;
  secret: string;
  /**
   * Drop requests without a valid Message-Authenticator, as a NAS hardened against
   * BlastRADIUS (CVE-2024-3596) does. One that carries an invalid one is always dropped.
   */
  requireMessageAuthenticator?: boolean;
  /** Put a Message-Authenticator in every reply (RFC 5176 §3.4). */
  signReplies?: boolean;
  /**
   * Decides a verified request: the reply to send, or null to stay silent. A request whose
   * Request Authenticator fails is dropped before this, as RouterOS drops a wrong secret.
   */
  answer(request: DisconnectRequest): DisconnectAnswer | null | Promise<DisconnectAnswer | null>;
  /** Seen for every datagram, verified or not. */
  onRequest?: (request: DisconnectRequest) => void;
  faults?: CoaReceiverFaults;
}

export interface CoaReceiver {
  address: string;
  port: number;
  /** Replies sent so far, copies included. */
  repliesSent(): number;
  close(): Promise<void>;
}

/** A UDP receiver of RFC 5176 Disconnect-Requests: decode, verify, answer, sign. */
export async function startCoaReceiver(options: CoaReceiverOptions): Promise<CoaReceiver> {
  const { secret, faults = {} } = options;
  const listener = await boundSocket(options.address, options.port ?? 0);
  const replier = faults.replyFrom ? await boundSocket(faults.replyFrom, 0) : listener;
  const timers = new Set<NodeJS.Timeout>();
  let transmissions = 0;
  let sent = 0;
  let closed = false;

  const send = (reply: Buffer, to: RemoteInfo): void => {
    if (closed) return;
    for (let copy = 0; copy < (faults.copies ?? 1); copy += 1) {
      replier.send(reply, to.port, to.address);
      sent += 1;
    }
  };

  const receive = async (bytes: Buffer, from: RemoteInfo): Promise<void> => {
    const request = readDisconnectRequest(bytes, from.address, secret);
    transmissions += 1;
    const transmission = transmissions;
    options.onRequest?.(request);
    const signedWell =
      request.messageAuthenticator === 'valid' ||
      (request.messageAuthenticator === 'absent' && options.requireMessageAuthenticator !== true);
    const verified =
      (request.authenticatorVerifies && signedWell) || faults.answerUnverified === true;
    if (!verified || transmission < (faults.answerOnTransmission ?? 1)) return;
    const answer = await options.answer(request);
    if (!answer) return;
    const spoiled = transmission <= (faults.corruptTransmissions ?? Infinity);
    const reply = encodeDisconnectReply(bytes, secret, answer, {
      corrupt: spoiled ? faults.corrupt : undefined,
      signed: options.signReplies,
    });
    if (faults.delayMs === undefined) {
      send(reply, from);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(reply, from);
    }, faults.delayMs);
    timers.add(timer);
  };

  listener.on('message', (bytes, from) => {
    receive(bytes, from).catch((failure: unknown) => {
      // No reply is what a NAS that cannot decide sends; the client retransmits, then gives up.
      console.error(`simulated NAS ${options.address}: a Disconnect-Request failed:`, failure);
    });
  });

  const { address, port } = listener.address();
  return {
    address,
    port,
    repliesSent: () => sent,
    close: async () => {
      closed = true;
      timers.forEach(clearTimeout);
      await Promise.all(
        [...new Set([listener, replier])].map(
          (socket) => new Promise<void>((done) => socket.close(() => done())),
        ),
      );
    },
  };
}

async function boundSocket(address: string, port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.bind(port, address);
  await once(socket, 'listening');
  return socket;
}
