import type {
  DisconnectAttemptSummary,
  DisconnectOutcome,
  DisconnectPath,
  DisconnectResult,
} from '@contract';
import { OperatorError } from '../../operator-error';
import type { ApiCaller } from '../api-caller';
import type { AutomationApi } from '../automation-api';

/** What every resolver is handed: the operations and who is calling. */
export interface ApiContext {
  api: AutomationApi;
  caller: ApiCaller;
}

const results: Record<DisconnectResult, string> = {
  done: 'DONE',
  'still-online': 'STILL_ONLINE',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
};
const paths: Record<DisconnectPath, string> = { 'routeros-api': 'ROUTEROS_API', coa: 'COA' };
const attemptOutcomes: Record<DisconnectAttemptSummary['outcome'], string> = {
  ok: 'OK',
  skipped: 'SKIPPED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
};

/** The Disconnect button's outcome in the schema's names. */
function disconnectOutcome(outcome: DisconnectOutcome) {
  return {
    id: outcome.radacctId,
    username: outcome.username,
    nasIpAddress: outcome.nasIp,
    nasName: outcome.nasName,
    result: results[outcome.result],
    path: outcome.path === null ? null : paths[outcome.path],
    message: outcome.message,
    confirmed: outcome.sessionOpen === false,
    stoppedAt: outcome.stoppedAt,
    sessionOpen: outcome.sessionOpen,
    sent: outcome.sent,
    answered: outcome.answered,
    attempts: outcome.attempts.map((attempt) => ({
      path: paths[attempt.path],
      outcome: attemptOutcomes[attempt.outcome],
      detail: attempt.detail,
    })),
  };
}

/**
 * The root fields, as graphql-js calls functions of the root value: (arguments, context).
 * Arguments arrive already checked against the schema's types.
 */
export const rootResolvers = {
  getOnlineSessions: ({ userId }: { userId: number }, { api, caller }: ApiContext) =>
    api.onlineSessions(caller, { userId }),

  getOnlineSessionsByUsername: ({ username }: { username: string }, { api, caller }: ApiContext) =>
    api.onlineSessions(caller, { username }),

  disconnectSession: async (
    { id, sessionId }: { id?: string | null; sessionId?: string | null },
    { api, caller }: ApiContext,
  ) => {
    const session =
      id != null && sessionId == null
        ? { id }
        : sessionId != null && id == null
          ? { sessionId }
          : null;
    if (session === null) {
      throw new OperatorError(
        'INVALID_INPUT',
        'Name the session to disconnect by id or by sessionId: exactly one of the two.',
      );
    }
    const outcome = await api.disconnect(caller, session);
    return disconnectOutcome(outcome);
  },
};
