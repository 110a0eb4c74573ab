import type { NasTestReport, PresentedCertificate } from '@contract';
import { OperatorError } from '../operator-error';
import { sentences } from '../sentences';
import { sendDisconnect } from './coa';
import { defaultTiming, type NasAccess } from './disconnect';
import { openRouterOsSession } from './routeros';

/** A User-Name no subscriber has: the probe must never end a real session. */
export const probeUserName = 'session-desk-probe';

/**
 * "Test NAS": logs in to the RouterOS API and sends the CoA port a Disconnect-Request for a
 * session that cannot exist. Any verified answer (normally a NAK, Session-Context-Not-Found)
 * proves the port listens and the shared secret matches; a NAS drops a request whose
 * secret is wrong, so silence reads as "check the secret and the port". Never throws.
 */
export async function testNas(
  nasIp: string,
  access: NasAccess,
  timing = defaultTiming,
): Promise<NasTestReport> {
  const [api, coa] = await Promise.all([
    testApi(nasIp, access, timing.apiTimeoutMs),
    testCoa(nasIp, access, timing),
  ]);
  return { nasIp, api, coa };
}

async function testApi(
  nasIp: string,
  access: NasAccess,
  timeoutMs: number,
): Promise<NasTestReport['api']> {
  if (!access.apiUser) {
    return {
      outcome: 'skipped',
      detail: 'No API user is set: disconnects go by CoA only.',
      certificate: null,
    };
  }
  // Reported whether or not it is trusted: it is what the operator compares and trusts.
  let certificate: PresentedCertificate | null = null;
  try {
    const session = await openRouterOsSession({
      host: nasIp,
      port: access.apiPort,
      user: access.apiUser,
      password: access.apiPassword ?? '',
      tls: access.apiTls,
      tlsFingerprint: access.apiTlsFingerprint,
      onCertificate: (presented) => (certificate = presented),
      timeoutMs,
    });
    await session.close();
    return {
      outcome: 'ok',
      detail: `Logged in as ${access.apiUser} on port ${access.apiPort}${tlsWords(certificate)}.`,
      certificate,
    };
  } catch (failure) {
    return { outcome: 'failed', detail: wordsFor(failure), certificate };
  }
}

async function testCoa(
  nasIp: string,
  access: NasAccess,
  timing: typeof defaultTiming,
): Promise<NasTestReport['coa']> {
  if (!access.coaSecret) {
    return {
      outcome: 'skipped',
      detail: 'No shared secret is set (nor in the FreeRADIUS nas table): CoA cannot be used.',
    };
  }
  try {
    const answer = await sendDisconnect({
      nasAddress: nasIp,
      port: access.coaPort,
      secret: access.coaSecret,
      attributes: { userName: probeUserName, acctSessionId: probeUserName, framedIp: null, nasIp },
      tries: timing.coaTries,
      firstWaitMs: timing.coaFirstWaitMs,
      requireMessageAuthenticator: access.requireMessageAuthenticator,
    });
    const heard = answer.kind === 'ack' ? 'Disconnect-ACK' : `Disconnect-NAK, ${answer.reason}`;
    return {
      outcome: 'ok',
      detail: `Port ${access.coaPort} answers and the secret matches: ${heard} for a probe session.`,
    };
  } catch (failure) {
    const detail = wordsFor(failure);
    return {
      outcome: 'failed',
      detail:
        failure instanceof OperatorError && failure.code === 'NAS_UNREACHABLE'
          ? sentences(
              detail,
              'A NAS drops requests signed with the wrong secret: check the secret, the port, ' +
                'and that the NAS accepts CoA from this workstation (RouterOS: /radius incoming)',
            )
          : detail,
    };
  }
}

function tlsWords(certificate: PresentedCertificate | null): string {
  if (certificate?.trusted === 'pinned') return ' (TLS, pinned certificate)';
  if (certificate?.trusted === 'ca') return ' (TLS, certificate signed by a trusted CA)';
  return '';
}

function wordsFor(failure: unknown): string {
  return failure instanceof OperatorError
    ? failure.message
    : `Unexpected error: ${String(failure)}`;
}
