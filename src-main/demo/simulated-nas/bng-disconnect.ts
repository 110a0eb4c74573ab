import type { BngSessionSource } from './bng-source';
import type { DisconnectRequest } from './disconnect-request';
import type { DisconnectAnswer } from './disconnect-reply';

const disconnectRequestCode = 40;
/** RFC 5176 Error-Cause values a BNG answers with. */
const missingAttribute = 402;
const sessionContextNotFound = 503;
/** Long enough to cover a client's retransmissions of one request. */
const rememberAnswersMs = 30_000;

/**
 * What a BNG answers a verified Disconnect-Request: it ends the session named by
 * Acct-Session-Id among the User-Name's sessions, or says it has no such session.
 * A retransmission (same source, identifier and authenticator) gets the first answer again
 * rather than ending, or failing to find, the session a second time.
 */
export function bngDisconnect(
  source: BngSessionSource,
): (request: DisconnectRequest) => Promise<DisconnectAnswer | null> {
  const recent = new Map<string, { answer: Promise<DisconnectAnswer | null>; at: number }>();
  return (request) => {
    const now = Date.now();
    for (const [key, entry] of recent) {
      if (now - entry.at > rememberAnswersMs) recent.delete(key);
    }
    const authenticator = request.bytes.subarray(4, 20).toString('hex');
    const key = `${request.sourceAddress}/${request.identifier}/${authenticator}`;
    const remembered = recent.get(key);
    if (remembered) return remembered.answer;
    const answer = decide(request, source);
    recent.set(key, { answer, at: now });
    // A failure (the database went away) is not an answer: let a retransmission try again.
    answer.catch(() => recent.delete(key));
    return answer;
  };
}

async function decide(
  request: DisconnectRequest,
  source: BngSessionSource,
): Promise<DisconnectAnswer | null> {
  // CoA-Request and anything else is not what this NAS serves: no reply, as for junk.
  if (request.code !== disconnectRequestCode) return null;
  const { userName, acctSessionId } = request;
  if (userName === undefined || acctSessionId === undefined) {
    return { code: 'Disconnect-NAK', errorCause: missingAttribute };
  }
  const sessions = await source.activeSessions(userName);
  const found = sessions.some((session) => session.acctSessionId === acctSessionId);
  if (found && (await source.endSession(acctSessionId))) return { code: 'Disconnect-ACK' };
  return { code: 'Disconnect-NAK', errorCause: sessionContextNotFound };
}
