import { createSocket, type Socket } from 'node:dgram';
import { isIPv6, SocketAddress } from 'node:net';
import { NasPathError } from '../nas-path-error';
import {
  checkDisconnectTarget,
  type CheckedTarget,
  type DisconnectTarget,
} from './disconnect-input';
import { encodeDisconnectRequest } from './disconnect-packet';
import { readDisconnectReply, type DisconnectOutcome } from './disconnect-reply';
import { retransmitWaitsMs, worstCaseWaitMs } from './retransmit-schedule';

/** Replies heard that were not answers, for saying why none was accepted. */
interface Unaccepted {
  /** Failed the Response Authenticator or Message-Authenticator check. */
  unverified: number;
  /** Signed, but without the Message-Authenticator this NAS is set to require. */
  unsigned: number;
}

/**
 * Sends an RFC 5176 Disconnect-Request and resolves with the NAS's ACK or NAK. The identical
 * packet is retransmitted after each wait (1 s, 2 s, 4 s by default: 7 s at most); when the
 * budget runs out the call throws NAS_UNREACHABLE, and whatever arrives later is not heard.
 * Aborting the signal stops it at once: the timer is cleared, the socket closed, and no
 * retransmission leaves; the call rejects with a 'cancelled' NasPathError.
 *
 * One UDP socket per call: its 8-bit identifier space belongs to this request alone, so a
 * reply can only be matched to it, and a bulk run bounds its sockets by its concurrency.
 */
export async function sendDisconnect(target: DisconnectTarget): Promise<DisconnectOutcome> {
  const checked = checkDisconnectTarget(target);
  if (checked.signal?.aborted) throw cancelled(checked);
  const request = encodeDisconnectRequest(checked.attributes, checked.secret, new Date());
  const socket = createSocket(isIPv6(checked.nasAddress) ? 'udp6' : 'udp4');
  try {
    await bindLocal(socket, checked);
    return await exchange(socket, request, checked);
  } finally {
    socket.close();
  }
}

function bindLocal(socket: Socket, target: CheckedTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code ?? error.message;
      reject(
        target.bindAddress === undefined
          ? new NasPathError(
              'NAS_UNREACHABLE',
              `Could not open a UDP socket to reach NAS ${endpoint(target)} (${why}): this machine may be short of sockets; try again with fewer disconnects at once.`,
              'unreachable',
            )
          : new NasPathError(
              'INVALID_INPUT',
              `Could not open a UDP socket on ${target.bindAddress} (${why}): pick a local address this machine has.`,
              'unreachable',
            ),
      );
    });
    socket.bind({ address: target.bindAddress, port: 0 }, () => {
      socket.removeAllListeners('error');
      resolve();
    });
  });
}

function exchange(
  socket: Socket,
  request: Buffer,
  target: CheckedTarget,
): Promise<DisconnectOutcome> {
  const { nasAddress, port, secret, tries, firstWaitMs, signal } = target;
  // rinfo carries the canonical spelling; the operator may have typed another (IPv6).
  const nasCanonical = new SocketAddress({ address: nasAddress, family: family(nasAddress) })
    .address;
  const waits = retransmitWaitsMs(tries, firstWaitMs);
  const unaccepted: Unaccepted = { unverified: 0, unsigned: 0 };
  let timer: NodeJS.Timeout | undefined;

  return new Promise<DisconnectOutcome>((resolve, reject) => {
    const onAbort = (): void => fail(cancelled(target));
    const settle = (finish: () => void): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('message');
      socket.removeAllListeners('error');
      finish();
    };
    const fail = (error: NasPathError): void => settle(() => reject(error));
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.on('message', (reply, from) => {
      // Anyone can send to our port; only the NAS we asked may answer.
      if (from.address !== nasCanonical || from.port !== port) {
        return;
      }
      const reading = readDisconnectReply(
        reply,
        request,
        secret,
        target.requireMessageAuthenticator,
      );
      if (reading.kind === 'bad-authenticator') {
        unaccepted.unverified += 1;
      } else if (reading.kind === 'no-message-authenticator') {
        unaccepted.unsigned += 1;
      } else if (reading.kind === 'answer') {
        settle(() => resolve(reading.outcome));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => fail(sendFailure(target, error)));

    const transmit = (attempt: number): void => {
      socket.send(request, port, nasAddress, (error) => {
        if (error) {
          fail(sendFailure(target, error));
        }
      });
      timer = setTimeout(() => {
        if (attempt + 1 < tries) {
          transmit(attempt + 1);
        } else {
          fail(noAnswer(target, unaccepted));
        }
      }, waits[attempt]);
    };
    transmit(0);
  });
}

function family(address: string): 'ipv4' | 'ipv6' {
  return isIPv6(address) ? 'ipv6' : 'ipv4';
}

function noAnswer(target: CheckedTarget, { unverified, unsigned }: Unaccepted): NasPathError {
  const { nasAddress, port, tries, firstWaitMs } = target;
  const waitedMs = worstCaseWaitMs(tries, firstWaitMs);
  const where = endpoint(target);
  const spent = `after ${tries} ${tries === 1 ? 'try' : 'tries'} (${seconds(waitedMs)} s)`;
  const details = { nasAddress, port, tries, waitedMs, unverifiedReplies: unverified };
  // A wrong secret usually looks like silence: the NAS drops what it cannot verify. When it
  // does answer, its answers fail our check instead, and that is worth saying plainly; so is
  // a NAS that answers without the Message-Authenticator it is set to send.
  if (unverified > 0) {
    return new NasPathError(
      'NAS_UNREACHABLE',
      `No verified reply from ${where} ${spent}: ${unverified} ${unverified === 1 ? 'reply' : 'replies'} failed the authenticator check, so the shared secret set here probably differs from the NAS's.`,
      'refused',
      details,
    );
  }
  if (unsigned > 0) {
    return new NasPathError(
      'NAS_REJECTED',
      `No accepted reply from ${where} ${spent}: ${unsigned} ${unsigned === 1 ? 'reply' : 'replies'} carried no Message-Authenticator, which this NAS is set to require. Turn that on at the NAS, or untick "require Message-Authenticator" for it in Settings → NAS.`,
      'refused',
      details,
    );
  }
  return new NasPathError(
    'NAS_UNREACHABLE',
    `No reply from ${where} ${spent}: check the CoA port, the shared secret and the firewall.`,
    'timed-out',
    details,
  );
}

function sendFailure(target: CheckedTarget, error: NodeJS.ErrnoException): NasPathError {
  return new NasPathError(
    'NAS_UNREACHABLE',
    `Could not send the Disconnect-Request to ${endpoint(target)} (${error.code ?? error.message}): check the NAS address and this machine's network.`,
    'unreachable',
    { nasAddress: target.nasAddress, port: target.port },
  );
}

function cancelled(target: CheckedTarget): NasPathError {
  return new NasPathError(
    'INTERNAL',
    `Cancelled before ${endpoint(target)} answered: no further Disconnect-Request was sent.`,
    'cancelled',
  );
}

// IPv6 in brackets, so the port cannot be read as part of the address.
function endpoint({ nasAddress, port }: CheckedTarget): string {
  return isIPv6(nasAddress) ? `[${nasAddress}]:${port}` : `${nasAddress}:${port}`;
}

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(2)));
}
