import type { Handlers } from '@contract';
import { OperatorError } from '../operator-error';
import { pingAddress } from '../ping/ping-address';
import type { DeskContext } from './desk-context';
import { openSessionFor } from './open-session';
import { TracerouteJobs } from './traceroute-jobs';

export interface SubscriberSettings {
  /**
   * The address to ping for a framed IP. The demo maps every address to 127.0.0.1: its
   * framed IPs are made-up CGNAT addresses, and nothing may leave loopback.
   */
  pingTarget?: (framedIp: string) => string;
  /** The ping executable; tests point it at a missing one. */
  pingCommand?: string;
  /** The traceroute executable; tests point it at a missing one. */
  tracerouteCommand?: string;
}

type SubscriberMethods =
  | 'subscribers.detail'
  | 'subscribers.suggest'
  | 'subscribers.whoHad'
  | 'subscribers.ping'
  | 'subscribers.traceroute';

/**
 * The subscriber page: detail, "who had this address", ping and traceroute of a session's
 * framed IP (only an online session's: an ended one's address may be someone else's now).
 */
export function subscriberHandlers(
  desk: Pick<DeskContext, 'active' | 'scope' | 'subscribers' | 'work' | 'log' | 'events'>,
): Pick<Handlers, SubscriberMethods> {
  const { active, scope, subscribers: settings } = desk;
  const traceroutes = new TracerouteJobs(desk);

  /** The framed IP of an online session in scope, and the address to reach it by. */
  async function reachable(radacctId: string, verb: 'ping' | 'trace') {
    const session = await openSessionFor(
      active,
      scope(),
      radacctId,
      (ended) =>
        `${ended.username}'s session has ended: its address may belong to someone else now, ` +
        `so Session Desk does not ${verb} it.`,
    );
    if (!session.framedIp) {
      throw new OperatorError(
        'NOT_FOUND',
        `${session.username}'s session has no framed IP in radacct: there is nothing to ${verb}.`,
      );
    }
    const target = settings.pingTarget?.(session.framedIp) ?? session.framedIp;
    return { framedIp: session.framedIp, target };
  }

  return {
    'subscribers.detail': async ({ username }) =>
      active.run((db) => db.subscriberDetail(username, scope())),
    'subscribers.suggest': async ({ text }) =>
      active.run((db) => db.subscriberSuggestions(text, scope())),
    'subscribers.whoHad': async (input) => active.run((db) => db.whoHad(input, scope())),
    'subscribers.ping': async ({ radacctId }) => {
      const { framedIp, target } = await reachable(radacctId, 'ping');
      const report = await pingAddress(target, settings.pingCommand);
      return { framedIp, target, ...report };
    },
    'subscribers.traceroute': async ({ radacctId }) => {
      const { framedIp, target } = await reachable(radacctId, 'trace');
      return traceroutes.start(framedIp, target, settings.tracerouteCommand);
    },
  };
}
