// What a right-click (or Shift+F10) on a session row offers, built from the row and what
// this page can do: the items exist only where they make sense (no IP: nothing to ping).
import { F, type SessionRow } from '@contract';
import { isOnline, nasLabel } from './session-fields';

/** What the page behind the table can do with a row; null: not on this page. */
export interface SessionMenuActions {
  copy(value: string, what: string): void;
  openSubscriber: ((username: string) => void) | null;
  ping: ((session: SessionRow) => void) | null;
  traceroute: ((session: SessionRow) => void) | null;
  whoHad: ((address: string) => void) | null;
  disconnect: ((session: SessionRow) => void) | null;
  filterByNas: ((nasIp: string) => void) | null;
}

export interface SessionMenuItem {
  /** Stable, for tests: data-testid="menu-<id>". */
  id: string;
  label: string;
  run: () => void;
  danger?: boolean;
  /** Drawn after a separator line. */
  group: 'copy' | 'go' | 'act';
}

export function sessionMenuItems(
  session: SessionRow,
  actions: SessionMenuActions,
): SessionMenuItem[] {
  const items: SessionMenuItem[] = [];
  const copy = (id: string, what: string, value: string | null): void => {
    if (value)
      items.push({
        id,
        label: `Copy ${what}`,
        group: 'copy',
        run: () => actions.copy(value, what),
      });
  };
  copy('copy-username', 'username', session[F.username]);
  copy('copy-ip', 'IP', session[F.framedIp]);
  copy('copy-mac', 'MAC', session[F.mac]);
  copy('copy-session-id', 'session id', session[F.acctSessionId]);

  const username = session[F.username];
  const ip = session[F.framedIp];
  const online = isOnline(session);
  if (actions.openSubscriber) {
    const open = actions.openSubscriber;
    items.push({
      id: 'open-subscriber',
      label: 'Open subscriber',
      group: 'go',
      run: () => open(username),
    });
  }
  if (actions.ping && ip && online) {
    const ping = actions.ping;
    items.push({ id: 'ping', label: `Ping ${ip}`, group: 'go', run: () => ping(session) });
  }
  if (actions.traceroute && ip && online) {
    const traceroute = actions.traceroute;
    items.push({
      id: 'traceroute',
      label: `Traceroute ${ip}`,
      group: 'go',
      run: () => traceroute(session),
    });
  }
  if (actions.whoHad && ip) {
    const whoHad = actions.whoHad;
    items.push({ id: 'who-had', label: `Who has ${ip} now`, group: 'go', run: () => whoHad(ip) });
  }
  if (actions.filterByNas) {
    const filter = actions.filterByNas;
    const nasIp = session[F.nasIp];
    items.push({
      id: 'filter-nas',
      label: `Only NAS ${nasLabel(session)}`,
      group: 'go',
      run: () => filter(nasIp),
    });
  }
  if (actions.disconnect && online) {
    const disconnect = actions.disconnect;
    items.push({
      id: 'disconnect',
      label: 'Disconnect…',
      group: 'act',
      danger: true,
      run: () => disconnect(session),
    });
  }
  return items;
}
