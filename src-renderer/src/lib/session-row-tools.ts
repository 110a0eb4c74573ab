// The Sessions page's side of a row's menu: copy and ping say how they went in a toast
// (the table has no room for it), the rest moves to where the operator asked to go.
import { F, type SessionRow } from '@contract';
import { copyText } from './clipboard';
import type { SessionMenuActions } from './session-menu';
import { navigation } from './state/desk-navigation.svelte';
import type { Toasts } from './state/toasts.svelte';
import { request } from './request';

export function sessionsPageMenuActions(
  toasts: Toasts,
  page: {
    filterByNas: (nasIp: string) => void;
    disconnect: ((session: SessionRow) => void) | null;
    traceroute: (session: SessionRow) => void;
  },
): SessionMenuActions {
  return {
    copy: (value, what) => {
      void copyText(value).then((copied) =>
        toasts.show(
          copied
            ? { tone: 'success', title: `Copied ${what}`, detail: value }
            : {
                tone: 'warning',
                title: `Could not copy the ${what}`,
                detail: `The clipboard refused it; select ${value} and copy it by hand.`,
              },
        ),
      );
    },
    openSubscriber: (username) => navigation.openSubscriber(username),
    ping: (session) => void pingSession(toasts, session),
    traceroute: page.traceroute,
    whoHad: (address) => navigation.openWhoHad(address),
    disconnect: page.disconnect,
    filterByNas: page.filterByNas,
  };
}

async function pingSession(toasts: Toasts, session: SessionRow): Promise<void> {
  const ip = session[F.framedIp] ?? '';
  const result = await request('subscribers.ping', { radacctId: session[F.id] });
  if (!result.ok) {
    toasts.show({ tone: 'danger', title: `Ping of ${ip} failed`, detail: result.error.message });
    return;
  }
  const report = result.data;
  const substituted =
    report.target === report.framedIp ? '' : ` (demo: pinged ${report.target} instead)`;
  toasts.show({
    tone: report.received === 0 ? 'danger' : report.received < report.sent ? 'warning' : 'success',
    title: `Ping ${ip} (${session[F.username]})`,
    detail: `${report.summary}${substituted}`,
  });
}
