// The NAS page's list: every NAS Session Desk can reach (credentials stored here, or a
// CoA secret in FreeRADIUS's nas table), the names the database gives them, and which
// one the form is editing.
import { unconfiguredNas, type ApiError, type NasAccessSummary, type NasEntry } from '@contract';
import { request } from '../request';

const byAddress = (a: NasAccessSummary, b: NasAccessSummary): number =>
  a.nasIp.localeCompare(b.nasIp, 'en', { numeric: true });

export class NasAccessBook {
  list = $state.raw<NasAccessSummary[]>([]);
  /** What nas.list knows (names, and NAS to pick from when adding one). */
  known = $state.raw<NasEntry[]>([]);
  loaded = $state(false);
  error = $state.raw<ApiError | null>(null);
  selectedIp = $state<string | null>(null);
  /** Added on this page and not saved yet: nothing is stored for them in main. */
  unsaved = $state.raw<string[]>([]);

  readonly selected: NasAccessSummary | null = $derived(
    this.list.find((nas) => nas.nasIp === this.selectedIp) ?? null,
  );
  /** NAS the database knows that are not on the page yet: the "pick one" choices. */
  readonly unlisted: NasEntry[] = $derived(
    this.known.filter((entry) => !this.list.some((nas) => nas.nasIp === entry.nasIp)),
  );

  async load(): Promise<void> {
    const [access, known] = await Promise.all([
      request('nasAccess.list', {}),
      request('nas.list', {}),
    ]);
    if (!access.ok) {
      this.error = access.error;
      return;
    }
    // NAS added here but not saved yet stay on the page until the operator leaves it.
    const stillUnsaved = this.list.filter(
      (nas) => this.unsaved.includes(nas.nasIp) && !access.data.some((s) => s.nasIp === nas.nasIp),
    );
    this.list = [...access.data, ...stillUnsaved].sort(byAddress);
    // The names only decorate the list: without them the page still works by address.
    if (known.ok) this.known = known.data;
    this.error = null;
    this.loaded = true;
    if (this.selected === null) this.selectedIp = this.list[0]?.nasIp ?? null;
  }

  nameOf(nasIp: string): string | null {
    return this.known.find((entry) => entry.nasIp === nasIp)?.name ?? null;
  }

  /** Puts a NAS on the page (not stored until the form is saved) and selects it. */
  add(nasIp: string): void {
    if (!this.list.some((nas) => nas.nasIp === nasIp)) {
      this.list = [...this.list, unconfiguredNas(nasIp)].sort(byAddress);
      this.unsaved = [...this.unsaved, nasIp];
    }
    this.selectedIp = nasIp;
  }

  /** After a delete: the NAS leaves the page unless FreeRADIUS still lists a secret for it. */
  async forget(nasIp: string): Promise<void> {
    this.list = this.list.filter((nas) => nas.nasIp !== nasIp);
    this.unsaved = this.unsaved.filter((unsavedIp) => unsavedIp !== nasIp);
    this.selectedIp = null;
    await this.load();
  }

  /** What main stored, in place of what the page had. */
  replace(saved: NasAccessSummary): void {
    this.list = this.list.map((nas) => (nas.nasIp === saved.nasIp ? saved : nas));
    this.unsaved = this.unsaved.filter((nasIp) => nasIp !== saved.nasIp);
  }
}
