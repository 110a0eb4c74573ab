// The profile form: fields as the operator types them, and what Test / Save / Delete said.
import {
  samePasswordDestination,
  type ConnectionReport,
  type ProfileSummary,
  type Result,
  type SslMode,
} from '@contract';
import { FormEditor } from './form-editor.svelte';
import type { ProfileDraftInput, Profiles } from './profiles.svelte';

export class ProfileEditor extends FormEditor<'testing' | 'saving' | 'connecting'> {
  id = $state<number | null>(null);
  name = $state('');
  host = $state('');
  port = $state<number | null>(5432);
  database = $state('radius');
  user = $state('radius');
  sslMode = $state<SslMode>('prefer');
  /** A standby profile's primary for writes; blank: none. Port blank: the standby's. */
  primaryHost = $state('');
  primaryPort = $state<number | null>(null);
  /** Typed here only; a stored password never comes back from main. */
  password = $state('');
  passwordSet = $state(false);
  clearPassword = $state(false);
  testOutcome = $state.raw<Result<ConnectionReport> | null>(null);
  /** The profile as saved: where its stored password was typed for. */
  #saved = $state.raw<ProfileSummary | null>(null);
  #profiles: Profiles;

  /**
   * The stored password was typed for another host, port, user or SSL mode than the form
   * now holds, and none is typed: main will not send it there, and saving clears it.
   */
  readonly passwordWillClear: boolean = $derived(
    this.#saved !== null &&
      this.passwordSet &&
      !this.clearPassword &&
      this.password === '' &&
      !samePasswordDestination(this.#saved, {
        host: this.host.trim(),
        port: this.port ?? 0,
        user: this.user.trim(),
        sslMode: this.sslMode,
        primaryHost: this.primaryHost.trim() || null,
        primaryPort: this.primaryPort,
      }),
  );

  constructor(profiles: Profiles) {
    super();
    this.#profiles = profiles;
  }

  /** Fill the form from a saved profile, or empty for a new one. */
  load(profile: ProfileSummary | null): void {
    this.#saved = profile;
    this.id = profile?.id ?? null;
    this.name = profile?.name ?? '';
    this.host = profile?.host ?? '';
    this.port = profile?.port ?? 5432;
    this.database = profile?.database ?? 'radius';
    this.user = profile?.user ?? 'radius';
    this.sslMode = profile?.sslMode ?? 'prefer';
    this.primaryHost = profile?.primaryHost ?? '';
    this.primaryPort = profile?.primaryPort ?? null;
    this.passwordSet = profile?.passwordSet ?? false;
    this.password = '';
    this.clearPassword = false;
    this.testOutcome = null;
    this.resetOutcome();
  }

  /**
   * password: null keeps what main stores, '' clears it, text replaces it. A new profile
   * has nothing stored, so blank simply means none.
   */
  draft(): ProfileDraftInput {
    const password = this.clearPassword
      ? ''
      : this.password !== ''
        ? this.password
        : this.id === null
          ? ''
          : null;
    return {
      id: this.id,
      name: this.name,
      host: this.host,
      // An empty port box travels as 0 so main answers with its range message.
      port: this.port ?? 0,
      database: this.database,
      user: this.user,
      sslMode: this.sslMode,
      primaryHost: this.primaryHost,
      primaryPort: this.primaryPort,
      password,
    };
  }

  async test(): Promise<void> {
    this.busy = 'testing';
    this.testOutcome = null;
    this.error = null;
    this.testOutcome = await this.#profiles.test(this.draft());
    this.busy = null;
  }

  async save(): Promise<ProfileSummary | null> {
    this.notice = null;
    const clearing = this.passwordWillClear;
    const result = await this.during('saving', () => this.#profiles.save(this.draft()));
    if (!result.ok) return null;
    const outcome = this.testOutcome;
    this.load(result.data);
    this.testOutcome = outcome;
    this.notice =
      `Saved "${result.data.name}".` +
      (clearing && !result.data.passwordSet
        ? ' The stored password was cleared: it stays only with the host, port, user and SSL ' +
          'mode it was typed for. Type it again to keep one.'
        : '');
    return result.data;
  }

  /** Connect to this profile, saving unsaved edits first; true when connected. */
  async connect(): Promise<boolean> {
    let id = this.id;
    if (id === null || this.dirty) id = (await this.save())?.id ?? null;
    if (id === null) return false;
    return (await this.during('connecting', () => this.#profiles.connect(id))).ok;
  }

  async remove(): Promise<boolean> {
    const id = this.id;
    if (id === null) return false;
    return this.removeWith(() => this.#profiles.remove(id));
  }
}
