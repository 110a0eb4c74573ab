import {
  startCoaReceiver,
  type CoaReceiverFaults,
} from '../../../src-main/demo/simulated-nas/coa-receiver';
import type { DisconnectRequest } from '../../../src-main/demo/simulated-nas/disconnect-request';

/** How the simulated NAS answers. Every switch defaults to an honest, immediate answer. */
export interface PeerBehaviour extends CoaReceiverFaults {
  answer: 'ack' | 'nak' | 'silent';
  /** Error-Cause carried by a NAK, fixed or chosen per request; none when absent. */
  errorCause?: number | ((request: DisconnectRequest) => number);
}

export interface CoaPeer {
  address: string;
  port: number;
  /** Every datagram received, in order, with its exact bytes. */
  received: DisconnectRequest[];
  /** Answers actually sent so far. */
  repliesSent(): number;
  close(): Promise<void>;
}

/**
 * The simulated NAS's CoA receiver with a fixed answer, for what FreeRADIUS will not do on
 * demand: its fault switches, and a record of every datagram.
 */
export async function startCoaPeer(options: {
  address?: string;
  secret: string;
  behaviour: PeerBehaviour;
  /** Put a Message-Authenticator in every reply. */
  signReplies?: boolean;
  /** Drop requests without a valid Message-Authenticator. */
  requireMessageAuthenticator?: boolean;
  /** Called once per request the peer acknowledges: a BNG then ends the session. */
  onAck?: (request: DisconnectRequest) => void;
  /** Called for every verified request, answered or not (a BNG that ends the session silently). */
  onVerified?: (request: DisconnectRequest) => void;
}): Promise<CoaPeer> {
  // Read live: a test may change the behaviour while the peer runs.
  const { behaviour } = options;
  const received: DisconnectRequest[] = [];
  const acknowledged = new Set<string>();

  const receiver = await startCoaReceiver({
    address: options.address ?? '127.0.10.1',
    secret: options.secret,
    signReplies: options.signReplies,
    requireMessageAuthenticator: options.requireMessageAuthenticator,
    faults: behaviour,
    onRequest: (request) => received.push(request),
    answer: (request) => {
      options.onVerified?.(request);
      if (behaviour.answer === 'silent') return null;
      const { errorCause } = behaviour;
      const cause = typeof errorCause === 'function' ? errorCause(request) : errorCause;
      if (behaviour.answer === 'nak') return { code: 'Disconnect-NAK', errorCause: cause };
      // A retransmission is the same request: the session ends once.
      const key = `${request.identifier}/${request.bytes.subarray(4, 20).toString('hex')}`;
      if (!acknowledged.has(key)) options.onAck?.(request);
      acknowledged.add(key);
      return { code: 'Disconnect-ACK', errorCause: cause };
    },
  });

  return {
    address: receiver.address,
    port: receiver.port,
    received,
    repliesSent: receiver.repliesSent,
    close: () => receiver.close(),
  };
}
