// The form for one NAS: what the operator types, and what Save, Test NAS and Delete said.
// Secrets are write-only: main says whether one is stored, never what it is.
import {
  defaultApiPort,
  defaultCoaPort,
  sameApiPasswordDestination,
  sameCoaSecretDestination,
  type ApiError,
  type MethodInput,
  type NasAccessSummary,
  type NasTestReport,
} from '@contract';
import { request } from '../request';
import { FormEditor } from './form-editor.svelte';

/** RouterOS API-SSL's default port. */
export const defaultApiTlsPort = 8729;

/** null keeps the stored secret, '' clears it, text replaces it (as main reads the draft). */
function secretDraft(typed: string, clear: boolean): string | null {
  if (clear) return '';
  return typed !== '' ? typed : null;
}

/** What the operator is told when a save left a stored secret behind with its old destination. */
function clearedNotice(apiPassword: boolean, coaSecret: boolean): string {
  const what =
    apiPassword && coaSecret
      ? 'API password and CoA secret were'
      : apiPassword
        ? 'API password was'
        : coaSecret
          ? 'CoA secret was'
          : null;
  return what === null
    ? ''
    : ` The stored ${what} cleared: secrets stay only with the login and port they were typed for. Type them again.`;
}

export class NasAccessEditor extends FormEditor<'saving' | 'testing'> {
  nasIp = $state('');
  apiUser = $state('');
  apiPassword = $state('');
  apiPasswordSet = $state(false);
  clearApiPassword = $state(false);
  apiPort = $state<number | null>(defaultApiPort);
  apiTls = $state(false);
  /** The pinned certificate, as stored (not a secret); changed only by trust / forgetPin. */
  apiTlsFingerprint = $state<string | null>(null);
  coaPort = $state<number | null>(defaultCoaPort);
  coaSecret = $state('');
  coaSecretSet = $state(false);
  coaSecretFromRadius = $state(false);
  clearCoaSecret = $state(false);
  /** Refuse CoA replies that carry no Message-Authenticator. */
  requireMessageAuthenticator = $state(false);
  testReport = $state.raw<NasTestReport | null>(null);
  testError = $state.raw<ApiError | null>(null);

  /**
   * Whether anything is stored here for this NAS. The summary does not say so directly;
   * a row holding only the defaults behaves exactly like no row, so this is enough to
   * decide whether Delete has anything to forget.
   */
  stored = $state(false);

  /** The NAS as saved: where its stored secrets were typed for. */
  #saved = $state.raw<NasAccessSummary | null>(null);
  /**
   * The API password typed in this form since the NAS was opened. Pinning the certificate
   * the NAS just presented sends it again: a new pin clears a stored password, and the
   * operator who typed it a moment ago should not have to type it twice.
   */
  #typedApiPassword: string | null = null;

  /** The API login the form now describes: user, port, TLS and the pinned certificate. */
  #apiDestination() {
    const apiUser = this.apiUser.trim();
    return {
      apiUser: apiUser === '' ? null : apiUser,
      apiPort: this.apiPort ?? 0,
      apiTls: this.apiTls,
      apiTlsFingerprint: this.apiTlsFingerprint,
    };
  }

  /** The stored API password was typed for another login than the form holds: saving clears it. */
  readonly apiPasswordWillClear: boolean = $derived(
    this.#saved !== null &&
      this.apiPasswordSet &&
      !this.clearApiPassword &&
      this.apiPassword === '' &&
      !sameApiPasswordDestination(this.#saved, this.#apiDestination()),
  );

  /** The stored CoA secret was typed for another CoA port: saving clears it. */
  readonly coaSecretWillClear: boolean = $derived(
    this.#saved !== null &&
      this.coaSecretSet &&
      !this.clearCoaSecret &&
      this.coaSecret === '' &&
      !sameCoaSecretDestination(this.#saved, { coaPort: this.coaPort ?? 0 }),
  );

  load(nas: NasAccessSummary): void {
    if (nas.nasIp !== this.nasIp) this.#typedApiPassword = null;
    this.#saved = nas;
    this.nasIp = nas.nasIp;
    this.apiUser = nas.apiUser ?? '';
    this.apiPassword = '';
    this.apiPasswordSet = nas.apiPasswordSet;
    this.clearApiPassword = false;
    this.apiPort = nas.apiPort;
    this.apiTls = nas.apiTls;
    this.apiTlsFingerprint = nas.apiTlsFingerprint;
    this.coaPort = nas.coaPort;
    this.coaSecret = '';
    this.coaSecretSet = nas.coaSecretSet;
    this.coaSecretFromRadius = nas.coaSecretFromRadius;
    this.clearCoaSecret = false;
    this.requireMessageAuthenticator = nas.requireMessageAuthenticator;
    this.stored =
      nas.apiUser !== null ||
      nas.apiPasswordSet ||
      nas.coaSecretSet ||
      nas.apiTls ||
      nas.apiTlsFingerprint !== null ||
      nas.apiPort !== defaultApiPort ||
      nas.coaPort !== defaultCoaPort ||
      nas.requireMessageAuthenticator;
    this.testReport = null;
    this.testError = null;
    this.resetOutcome();
  }

  /** API-SSL listens on 8729 unless someone moved it: follow the port only if it was the default. */
  setTls(on: boolean): void {
    this.apiTls = on;
    if (on && this.apiPort === defaultApiPort) this.apiPort = defaultApiTlsPort;
    if (!on && this.apiPort === defaultApiTlsPort) this.apiPort = defaultApiPort;
    this.dirty = true;
  }

  /**
   * pin: null keeps the pinned certificate, '' forgets it, a fingerprint pins that one.
   * apiPassword: sent when the box is blank (trust re-sends the one typed earlier).
   */
  draft(
    pin: string | null = null,
    apiPassword: string | null = null,
  ): MethodInput<'nasAccess.save'> {
    const apiUser = this.apiUser.trim();
    const typed = this.apiPassword !== '' ? this.apiPassword : (apiPassword ?? '');
    return {
      nasIp: this.nasIp,
      apiUser: apiUser === '' ? null : apiUser,
      apiPassword: secretDraft(typed, this.clearApiPassword),
      // An empty port box travels as 0 so main answers with its range message.
      apiPort: this.apiPort ?? 0,
      apiTls: this.apiTls,
      coaPort: this.coaPort ?? 0,
      coaSecret: secretDraft(this.coaSecret, this.clearCoaSecret),
      apiTlsFingerprint: pin,
      requireMessageAuthenticator: this.requireMessageAuthenticator,
    };
  }

  async save(): Promise<NasAccessSummary | null> {
    const stored = await this.#store(null, null);
    if (!stored) return null;
    this.notice = `Saved the credentials of NAS ${stored.saved.nasIp}.${stored.cleared}`;
    return stored.saved;
  }

  /**
   * Saves the form (with a pin, and a remembered API password when the box is blank); says
   * which stored secrets main cleared because their destination changed.
   */
  async #store(
    pin: string | null,
    apiPassword: string | null,
  ): Promise<{ saved: NasAccessSummary; cleared: string } | null> {
    this.notice = null;
    const draft = this.draft(pin, apiPassword);
    const hadApiPassword = this.apiPasswordSet;
    const hadCoaSecret = this.coaSecretSet;
    const result = await this.during('saving', () => request('nasAccess.save', draft));
    if (!result.ok) return null;
    if (draft.apiPassword) this.#typedApiPassword = draft.apiPassword;
    const report = this.testReport;
    this.load(result.data);
    this.testReport = report;
    const cleared = clearedNotice(
      hadApiPassword && !result.data.apiPasswordSet && draft.apiPassword === null,
      hadCoaSecret && !result.data.coaSecretSet && draft.coaSecret === null,
    );
    return { saved: result.data, cleared };
  }

  /** Main tests what is stored, so unsaved edits are saved first. */
  async test(): Promise<NasAccessSummary | null> {
    let saved: NasAccessSummary | null = null;
    if (this.dirty) {
      saved = await this.save();
      if (!saved) return null;
    }
    this.busy = 'testing';
    this.testReport = null;
    this.testError = null;
    const result = await request('nasAccess.test', { nasIp: this.nasIp });
    this.busy = null;
    if (result.ok) this.testReport = result.data;
    else this.testError = result.error;
    return saved;
  }

  /**
   * "Trust this certificate" after a test: pins what the NAS presented (with any edits in the
   * form), then tests again so the operator sees the login work over the pinned TLS.
   */
  async trust(fingerprint: string): Promise<NasAccessSummary | null> {
    const stored = await this.#store(fingerprint, this.#typedApiPassword);
    if (!stored) return null;
    this.testReport = null;
    await this.test();
    this.notice =
      `Trusted the certificate NAS ${stored.saved.nasIp} presented: it is pinned above.` +
      stored.cleared;
    return stored.saved;
  }

  /** Back to CA verification: the next login needs a certificate a trusted CA signed. */
  async forgetPin(): Promise<NasAccessSummary | null> {
    const stored = await this.#store('', null);
    if (!stored) return null;
    this.notice =
      `Forgot the pinned certificate of NAS ${stored.saved.nasIp}: API-SSL now needs a ` +
      `certificate signed by a CA this workstation trusts.${stored.cleared}`;
    return stored.saved;
  }

  remove(): Promise<boolean> {
    const nasIp = this.nasIp;
    return this.removeWith(() => request('nasAccess.delete', { nasIp }));
  }
}
