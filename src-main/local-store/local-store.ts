import type {
  ApiTokenDraft,
  ApiTokenSummary,
  AuditEntry,
  AuditListInput,
  AuditRun,
  CleanupSettings,
  CleanupSettingsInput,
  DropThresholds,
  CreatedApiToken,
  NasAccessDraft,
  NasAccessSummary,
  ProfileDraft,
  ProfileSummary,
  SavedFilter,
  SavedFilterInput,
  Settings,
  TableLayout,
} from '@contract';

/** A profile with its password unsealed: main process only, never sent to the renderer. */
export interface StoredProfile extends ProfileSummary {
  password: string | null;
}

export interface ProfileStore {
  /** Ordered by name; says whether a password is saved, never what it is. */
  list(): ProfileSummary[];
  get(id: number): StoredProfile | null;
  /** id null creates; password null keeps the saved one, '' clears it, text replaces it. */
  save(draft: ProfileDraft): ProfileSummary;
  /** Deletes the profile's saved filters with it. */
  delete(id: number): void;
}

export interface SavedFilterStore {
  /** Ordered by name; a row damaged on disk is skipped with a warning, never returned. */
  list(profileId: number): SavedFilter[];
  /** Saving under a name the profile already uses replaces that filter and keeps its id. */
  save(profileId: number, input: SavedFilterInput): SavedFilter;
  delete(profileId: number, id: number): void;
}

/** A NAS's credentials with their secrets unsealed: main process only, never sent to the renderer. */
export interface StoredNasAccess extends NasAccessSummary {
  apiPassword: string | null;
  coaSecret: string | null;
}

export interface NasAccessStore {
  /** Ordered by NAS address; coaSecretFromRadius is always false here (the store has no database). */
  list(profileId: number): NasAccessSummary[];
  get(profileId: number, nasIp: string): StoredNasAccess | null;
  /** Creates or replaces by NAS address; a null secret keeps the stored one, '' clears it. */
  save(profileId: number, draft: NasAccessDraft): NasAccessSummary;
  delete(profileId: number, nasIp: string): void;
}

/** Append-only: entries and runs are recorded and read, never changed or removed. */
export interface AuditLog {
  record(profileId: number | null, entry: Omit<AuditEntry, 'id'>): AuditEntry;
  /** Newest first, with the page's filters (run, result, NAS) applied. */
  list(profileId: number, page: AuditListInput): AuditEntry[];
  /** Records a bulk run as it starts: its id is the run's, and groups its entries. */
  startRun(profileId: number, run: Omit<AuditRun, 'runId'>): AuditRun;
  /** The profile's bulk runs, newest first. */
  runs(profileId: number, limit: number): AuditRun[];
}

/** Drop-alert thresholds and acknowledgements of each profile. */
export interface NasHealthStore {
  /** The profile's thresholds, or the defaults when none were saved. */
  thresholds(profileId: number): DropThresholds;
  setThresholds(profileId: number, thresholds: DropThresholds): DropThresholds;
  /** Which of these alerts were acknowledged, when and by whom. */
  acknowledged(profileId: number, alertIds: string[]): Map<string, { at: string; by: string }>;
  /**
   * Acknowledges an alert and records `entry` in the audit log, in one transaction. An alert
   * acknowledged before keeps its first acknowledgement and is not audited twice.
   */
  acknowledge(
    profileId: number,
    alertId: string,
    entry: Omit<AuditEntry, 'id'>,
  ): { at: string; by: string };
}

/** A token found by its secret, with the profile it belongs to. */
export interface StoredApiToken extends ApiTokenSummary {
  profileId: number;
}

/** The Automation API's tokens: only their hashes are stored. */
export interface ApiTokenStore {
  /** Newest first, revoked and expired ones included. */
  list(profileId: number): ApiTokenSummary[];
  /** A new token; the secret in the answer is the only copy there will ever be. */
  create(profileId: number, draft: ApiTokenDraft, now: Date): CreatedApiToken;
  /** Revoked from `now` on (a token revoked already keeps its first time). */
  revoke(profileId: number, id: number, now: Date): ApiTokenSummary;
  /** The token this secret is, whatever its state, or null when no token is. */
  find(secret: string): StoredApiToken | null;
  /** Notes a request, at most once a minute per token. */
  markUsed(id: number, now: Date): void;
}

/** The stale threshold, the sweeper switch and confirmed NAS silences of each profile. */
export interface CleanupStore {
  /** The profile's settings, or the defaults (30 minutes, sweeper off) when none were saved. */
  settings(profileId: number): CleanupSettings;
  /** Saves the settings and records `entry` (who changed them) in the audit log, together. */
  save(
    profileId: number,
    input: CleanupSettingsInput,
    entry: Omit<AuditEntry, 'id'>,
  ): CleanupSettings;
  /** When an operator last confirmed each NAS's silence (ISO 8601), by NAS address. */
  confirmations(profileId: number): Map<string, string>;
  /** Confirms a NAS's silence now and records `entry`, together. */
  confirmSilentNas(profileId: number, nasIp: string, entry: Omit<AuditEntry, 'id'>): void;
}

export interface LocalStore {
  profiles: ProfileStore;
  filters: SavedFilterStore;
  nasAccess: NasAccessStore;
  audit: AuditLog;
  nasHealth: NasHealthStore;
  apiTokens: ApiTokenStore;
  /** The Sessions table's columns and density of each profile. */
  tableLayouts: {
    get(profileId: number): TableLayout | null;
    set(profileId: number, layout: TableLayout): TableLayout;
  };
  cleanup: CleanupStore;
  settings: { get(): Settings; set(settings: Settings): Settings };
  /** The profile to reopen at start; null once that profile is deleted. */
  lastProfileId: { get(): number | null; set(id: number | null): void };
  close(): void;
}
