import type { NasAccessDraft } from '@contract';

/** NAS credentials as the Settings form would send them, for 127.0.10.1 with API user noc-api. */
export function nasAccessDraft(overrides: Partial<NasAccessDraft> = {}): NasAccessDraft {
  return {
    nasIp: '127.0.10.1',
    apiUser: 'noc-api',
    apiPassword: null,
    apiPort: 8728,
    apiTls: false,
    apiTlsFingerprint: null,
    coaPort: 3799,
    coaSecret: null,
    requireMessageAuthenticator: false,
    ...overrides,
  };
}
