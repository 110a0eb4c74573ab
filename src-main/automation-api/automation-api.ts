import { radacctIdSchema, subscriberDetailInputSchema, type DisconnectOutcome } from '@contract';
import { OperatorError } from '../operator-error';
import type { OperatorScope } from '../operator-scope';
import { requirePermission, type Permission } from '../permissions';
import type { SessionToDisconnect } from '../radius-db';
import type { DeskContext } from '../service/desk-context';
import { disconnectOne } from '../service/disconnect-one';
import { authenticate, type ApiCaller, type Authentication } from './api-caller';
import { apiOnlineSession, type ApiOnlineSession } from './online-session-fields';
import { tokenScope } from './token-scope';

/** Whose sessions: the panel's subscribers.id (the spec's userId), or a RADIUS username. */
export type SubscriberKey = { userId: number } | { username: string };

/** Which session to disconnect: its radacct id, or an Acct-Session-Id naming exactly one. */
export type SessionKey = { id: string } | { sessionId: string };

/**
 * The Automation API's operations, whatever carries them (GraphQL on the loopback server).
 * Every one checks the token against the profile Session Desk has open, the operator's
 * permissions, and reads under the operator's scope narrowed by the token's.
 */
export interface AutomationApi {
  authenticate(secret: string | null): Authentication;
  /** Open sessions, oldest first; [] when the subscriber has none. */
  onlineSessions(caller: ApiCaller, subscriber: SubscriberKey): Promise<ApiOnlineSession[]>;
  /** The Disconnect button's pipeline and outcome, audited under the token's name. */
  disconnect(caller: ApiCaller, session: SessionKey): Promise<DisconnectOutcome>;
}

const view: readonly Permission[] = ['sessions.view'];
const disconnectNeeds: readonly Permission[] = ['sessions.view', 'subscribers.disconnect'];

/** Candidates listed when an Acct-Session-Id names several open sessions. */
const maxCandidates = 10;

const usernameSchema = subscriberDetailInputSchema.shape.username;

const notVisible = 'or it is outside what this token may see';

export function createAutomationApi(desk: DeskContext): AutomationApi {
  const { active } = desk;

  /** The scope this caller reads under, once the open profile and permissions allow it. */
  async function scopeOf(caller: ApiCaller, needs: readonly Permission[]): Promise<OperatorScope> {
    if (active.state().kind === 'none' || active.profileId !== caller.profileId) {
      throw new OperatorError(
        'FORBIDDEN',
        `Session Desk switched to another profile while this request ran: the API token "${caller.name}" belongs to the one it left.`,
      );
    }
    const operator = await active.operator();
    for (const permission of needs) requirePermission(operator, permission);
    if (caller.scope.kind === 'reseller' && !(await active.database()).summary.panelTables) {
      throw new OperatorError(
        'FORBIDDEN',
        `The API token "${caller.name}" is limited to reseller ${caller.scope.resellerId}, but ` +
          'this database has no reseller tables (subscribers, resellers), so Session Desk ' +
          'shows it nothing rather than everything. Use a token with the admin scope.',
        undefined,
        'scope-unavailable',
      );
    }
    return tokenScope(operator.scope, caller.scope, (rootId, resellerId) =>
      active.run((db) => db.resellerTreeContains(rootId, resellerId)),
    );
  }

  async function usernameOf(key: SubscriberKey, scope: OperatorScope): Promise<string> {
    if ('username' in key) {
      const parsed = usernameSchema.safeParse(key.username);
      if (!parsed.success)
        throw new OperatorError('INVALID_INPUT', parsed.error.issues[0]!.message);
      return parsed.data;
    }
    const db = await active.database();
    if (!db.summary.panelTables) {
      throw new OperatorError(
        'INVALID_INPUT',
        `userId ${key.userId} names a subscriber of the ISP panel's subscribers table, which ` +
          'this database does not have (it is a stock FreeRADIUS database). Ask by RADIUS ' +
          'username instead: getOnlineSessionsByUsername(username: "…").',
        { useInstead: 'getOnlineSessionsByUsername' },
      );
    }
    const username = await active.run((radius) => radius.subscriberUsername(key.userId, scope));
    if (username === null) {
      throw new OperatorError(
        'NOT_FOUND',
        `No subscriber has userId ${key.userId} (subscribers.id), ${notVisible}.`,
      );
    }
    return username;
  }

  async function sessionToDisconnect(
    key: SessionKey,
    scope: OperatorScope,
  ): Promise<SessionToDisconnect> {
    if ('id' in key) {
      const id = radacctIdSchema.safeParse(key.id);
      if (!id.success) throw new OperatorError('INVALID_INPUT', id.error.issues[0]!.message);
      const session = await active.run((db) => db.sessionToDisconnect(id.data, scope));
      if (!session) {
        throw new OperatorError(
          'NOT_FOUND',
          `No session has id ${id.data} in radacct, ${notVisible}.`,
        );
      }
      if (session.stopped) {
        throw new OperatorError(
          'NOT_FOUND',
          `Session ${session.radacctId} (${session.username} on ${session.nasIp}) has already ended: there is nothing to disconnect.`,
        );
      }
      return session;
    }
    const sessionId = key.sessionId.trim();
    if (sessionId === '' || sessionId.length > 253 || sessionId.includes('\u0000')) {
      throw new OperatorError(
        'INVALID_INPUT',
        'sessionId must be an Acct-Session-Id as radacct holds it (1 to 253 characters).',
      );
    }
    const open = await active.run((db) =>
      db.openSessionsWithAcctSessionId(sessionId, scope, maxCandidates + 1),
    );
    if (open.length === 0) {
      throw new OperatorError(
        'NOT_FOUND',
        `No open session has the Acct-Session-Id "${sessionId}", ${notVisible}.`,
      );
    }
    if (open.length > 1) {
      const shown = open.slice(0, maxCandidates);
      const more = open.length > maxCandidates ? ' and more' : '';
      throw new OperatorError(
        'INVALID_INPUT',
        `The Acct-Session-Id "${sessionId}" names ${shown.length}${more} open sessions (each NAS ` +
          `numbers its own): ${shown.map((s) => `id ${s.radacctId} (${s.username} on ${s.nasIp})`).join(', ')}${more}. ` +
          'Disconnect one of them by its id.',
        { candidates: shown.map((s) => s.radacctId).join(',') },
      );
    }
    return open[0]!;
  }

  return {
    authenticate: (secret) => {
      const state = active.state();
      return authenticate(
        desk.store,
        state.kind === 'none' ? null : state.profileId,
        secret,
        new Date(),
      );
    },

    async onlineSessions(caller, key) {
      const scope = await scopeOf(caller, view);
      const username = await usernameOf(key, scope);
      const sessions = await active.run((db) => db.onlineSessionsOf(username, scope));
      if (sessions === null) {
        throw new OperatorError('NOT_FOUND', `No subscriber "${username}", ${notVisible}.`);
      }
      // The subscriber page lists newest first; the spec's example lists them as they started.
      return sessions.map(apiOnlineSession).reverse();
    },

    async disconnect(caller, key) {
      if (!caller.mayDisconnect) {
        throw new OperatorError(
          'FORBIDDEN',
          `The API token "${caller.name}" may not disconnect sessions. Create a token that may ` +
            '(the Automation API page, or `npm run api-token -- create … --allow-disconnect`).',
          undefined,
          'permission-missing',
        );
      }
      const scope = await scopeOf(caller, disconnectNeeds);
      const session = await sessionToDisconnect(key, scope);
      return desk.work.track(() =>
        disconnectOne(
          desk,
          { radacctId: session.radacctId, via: 'auto' },
          { scope, apiToken: caller.name },
        ),
      );
    },
  };
}
