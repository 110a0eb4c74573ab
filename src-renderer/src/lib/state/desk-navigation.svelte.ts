// Which page of the connected profile is on screen, and which subscriber the Subscriber page
// shows. One shared instance, so a username in the Sessions table (or the top bar's finder)
// can open the detail without every view in between passing a callback down.
import type { DeskPage } from '../desk-pages';

export class DeskNavigation {
  page = $state<DeskPage>('sessions');
  /** The subscriber the Subscriber page shows; null: only its search forms. */
  subscriber = $state<string | null>(null);
  /** An address the Subscriber page's "who had" asks about as it opens (then cleared). */
  whoHadNow = $state<string | null>(null);
  /** The NAS the Sessions per NAS page shows; null: all of them. */
  healthNas = $state<string | null>(null);

  go(page: DeskPage): void {
    this.page = page;
  }

  openNasHealth(nasIp: string | null): void {
    this.healthNas = nasIp;
    this.page = 'health';
  }

  /** The Subscriber page, asking who holds this address now. */
  openWhoHad(address: string): void {
    this.whoHadNow = address;
    this.page = 'subscriber';
  }

  openSubscriber(username: string): void {
    const name = username.trim();
    if (name === '') return;
    this.subscriber = name;
    this.page = 'subscriber';
  }
}

export const navigation = new DeskNavigation();
