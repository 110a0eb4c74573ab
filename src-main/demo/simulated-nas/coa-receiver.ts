import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';
import radius from 'radius';
import { recordRequest, type ReceivedRequest } from './disconnect-request-record';

/** How the simulated NAS answers. Every switch defaults to an honest, immediate answer. */
export interface PeerBehaviour {
  answer: 'ack' | 'nak' | 'silent';
  /** Error-Cause carried by a NAK, fixed or chosen per request; none when absent. */
  errorCause?: number | ((request: ReceivedRequest) => number);
  /** Stay silent until this transmission of the request arrives (1 = the first). */
  answerOnTransmission?: number;
  /** Answer this long after the request arrives. */
  delayMs?: number;
  /** Send the answer this many times. */
  copies?: number;
  /** Spoil one field of an otherwise correct answer. */
  corrupt?: 'authenticator' | 'identifier';
  /** Spoil only the answers to the first this many transmissions; all of them when absent. */
  corruptTransmissions?: number;
  /** Answer from a second socket on this loopback address (another port when it is ours). */
  replyFrom?: string;
  /** Answer even requests whose authenticator fails, as a careless NAS would. */
  answerUnverified?: boolean;
}

export interface CoaPeer {
  address: string;
  port: number;
  /** Every datagram received, in order, with its exact bytes. */
  received: ReceivedRequest[];
  /** Answers actually sent so far. */
  repliesSent(): number;
  close(): Promise<void>;
}

/** A Disconnect receiver of our own for what FreeRADIUS will not do on demand. */
export async function startCoaPeer(options: {
  address?: string;
  secret: string;
  behaviour: PeerBehaviour;
  /** Called once per request the peer acknowledges: a BNG then ends the session. */
  onAck?: (request: ReceivedRequest) => void;
}): Promise<CoaPeer> {
  const { secret, behaviour } = options;
  const listener = await boundSocket(options.address ?? '127.0.10.1');
  const replier = behaviour.replyFrom ? await boundSocket(behaviour.replyFrom) : listener;
  const received: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let sent = 0;

  const answer = (reply: Buffer, to: RemoteInfo): void => {
    for (let copy = 0; copy < (behaviour.copies ?? 1); copy += 1) {
      replier.send(reply, to.port, to.address);
      sent += 1;
    }
  };

  const acknowledged = new Set<string>();
  listener.on('message', (bytes, from) => {
    const request = recordRequest(bytes, from.address, secret);
    received.push(request);
    const verified = request.authenticatorVerifies || behaviour.answerUnverified === true;
    const due = received.length >= (behaviour.answerOnTransmission ?? 1);
    if (behaviour.answer === 'silent' || !verified || !due) {
      return;
    }
    const spoiled = received.length <= (behaviour.corruptTransmissions ?? Infinity);
    const errorCause =
      typeof behaviour.errorCause === 'function'
        ? behaviour.errorCause(request)
        : behaviour.errorCause;
    if (behaviour.answer === 'ack' && options.onAck) {
      // A retransmission is the same request: the session ends once.
      const key = `${request.identifier}/${bytes.subarray(4, 20).toString('hex')}`;
      if (!acknowledged.has(key)) options.onAck(request);
      acknowledged.add(key);
    }
    const reply = encodeReply(bytes, secret, {
      code: behaviour.answer === 'ack' ? 'Disconnect-ACK' : 'Disconnect-NAK',
      errorCause,
      corrupt: spoiled ? behaviour.corrupt : undefined,
    });
    if (behaviour.delayMs === undefined) {
      answer(reply, from);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer(reply, from);
    }, behaviour.delayMs);
    timers.add(timer);
  });

  const { address, port } = listener.address();
  return {
    address,
    port,
    received,
    repliesSent: () => sent,
    close: async () => {
      timers.forEach(clearTimeout);
      await Promise.all(
        [...new Set([listener, replier])].map(
          (socket) => new Promise<void>((done) => socket.close(() => done())),
        ),
      );
    },
  };
}

async function boundSocket(address: string): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.bind(0, address);
  await once(socket, 'listening');
  return socket;
}

interface ReplyShape {
  code: 'Disconnect-ACK' | 'Disconnect-NAK';
  errorCause: number | undefined;
  corrupt: PeerBehaviour['corrupt'];
}

function encodeReply(request: Buffer, secret: string, shape: ReplyShape): Buffer {
  const decoded = radius.decode_without_secret({ packet: request });
  if (shape.corrupt === 'identifier') {
    // Correctly signed, but for another request: only the identifier check can reject it.
    decoded.identifier = (decoded.identifier + 1) % 256;
  }
  const reply = radius.encode_response({
    packet: decoded,
    code: shape.code,
    secret,
    attributes: shape.errorCause === undefined ? [] : [['Error-Cause', shape.errorCause]],
  });
  if (shape.corrupt === 'authenticator') {
    reply[4] = (reply[4] ?? 0) ^ 0xff;
  }
  return reply;
}
