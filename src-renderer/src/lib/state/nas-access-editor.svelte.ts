// The form for one NAS: what the operator types, and what Save, Test NAS and Delete said.
// Secrets are write-only: main says whether one is stored, never what it is.
import {
  defaultApiPort,
  defaultCoaPort,
  type ApiError,
  type MethodInput,
  type NasAccessSummary,
  type NasTestReport,
} from '@contract';
import { request } from '../request';

/** RouterOS API-SSL's default port. */
export const defaultApiTlsPort = 8729;

/** null keeps the stored secret, '' clears it, text replaces it (as main reads the draft). */
function secretDraft(typed: string, clear: boolean): string | null {
  if (clear) return '';
  return typed !== '' ? typed : null;
}

export class NasAccessEditor {
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
  /** Edited since loaded or saved. */
  dirty = $state(false);

  busy = $state<'saving' | 'testing' | 'deleting' | null>(null);
  error = $state.raw<ApiError | null>(null);
  notice = $state<string | null>(null);
  testReport = $state.raw<NasTestReport | null>(null);
  testError = $state.raw<ApiError | null>(null);
  confirmingDelete = $state(false);

  /**
   * Whether anything is stored here for this NAS. The summary does not say so directly;
   * a row holding only the defaults behaves exactly like no row, so this is enough to
   * decide whether Delete has anything to forget.
   */
  stored = $state(false);

  load(nas: NasAccessSummary): void {
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
    this.dirty = false;
    this.busy = null;
    this.error = null;
    this.notice = null;
    this.testReport = null;
    this.testError = null;
    this.confirmingDelete = false;
  }

  /** API-SSL listens on 8729 unless someone moved it: follow the port only if it was the default. */
  setTls(on: boolean): void {
    this.apiTls = on;
    if (on && this.apiPort === defaultApiPort) this.apiPort = defaultApiTlsPort;
    if (!on && this.apiPort === defaultApiTlsPort) this.apiPort = defaultApiPort;
    this.dirty = true;
  }

  /** pin: null keeps the pinned certificate, '' forgets it, a fingerprint pins that one. */
  draft(pin: string | null = null): MethodInput<'nasAccess.save'> {
    const apiUser = this.apiUser.trim();
    return {
      nasIp: this.nasIp,
      apiUser: apiUser === '' ? null : apiUser,
      apiPassword: secretDraft(this.apiPassword, this.clearApiPassword),
      // An empty port box travels as 0 so main answers with its range message.
      apiPort: this.apiPort ?? 0,
      apiTls: this.apiTls,
      coaPort: this.coaPort ?? 0,
      coaSecret: secretDraft(this.coaSecret, this.clearCoaSecret),
      apiTlsFingerprint: pin,
      requireMessageAuthenticator: this.requireMessageAuthenticator,
    };
  }

  async save(pin: string | null = null): Promise<NasAccessSummary | null> {
    this.busy = 'saving';
    this.error = null;
    this.notice = null;
    const result = await request('nasAccess.save', this.draft(pin));
    this.busy = null;
    if (!result.ok) {
      this.error = result.error;
      return null;
    }
    const report = this.testReport;
    this.load(result.data);
    this.testReport = report;
    this.notice = `Saved the credentials of NAS ${result.data.nasIp}.`;
    return result.data;
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
    const saved = await this.save(fingerprint);
    if (!saved) return null;
    this.testReport = null;
    await this.test();
    this.notice = `Trusted the certificate NAS ${saved.nasIp} presented: it is pinned above.`;
    return saved;
  }

  /** Back to CA verification: the next login needs a certificate a trusted CA signed. */
  async forgetPin(): Promise<NasAccessSummary | null> {
    const saved = await this.save('');
    if (saved) {
      this.notice =
        `Forgot the pinned certificate of NAS ${saved.nasIp}: API-SSL now needs a certificate ` +
        'signed by a CA this workstation trusts.';
    }
    return saved;
  }

  async remove(): Promise<boolean> {
    this.busy = 'deleting';
    this.error = null;
    const result = await request('nasAccess.delete', { nasIp: this.nasIp });
    this.busy = null;
    this.confirmingDelete = false;
    if (!result.ok) {
      this.error = result.error;
      return false;
    }
    return true;
  }
}
