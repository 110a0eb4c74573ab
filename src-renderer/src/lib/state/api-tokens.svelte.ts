// The Automation API page's tokens: the list main keeps for this profile, a new token's
// secret while it is on screen (the only time anyone sees it), and which token a Revoke is
// asking about.
import type { ApiError, ApiTokenSummary, CreatedApiToken, MethodInput, Result } from '@contract';

/** What the page asks main (the view wires them to the bridge; a test hands in its own). */
export interface ApiTokenCalls {
  list(): Promise<Result<ApiTokenSummary[]>>;
  create(draft: MethodInput<'apiTokens.create'>): Promise<Result<CreatedApiToken>>;
  revoke(id: number): Promise<Result<ApiTokenSummary>>;
}

export class ApiTokenBook {
  /** Newest first, revoked ones included, as main lists them. */
  tokens = $state.raw<ApiTokenSummary[]>([]);
  loaded = $state(false);
  error = $state.raw<ApiError | null>(null);
  /** The token just made, with its secret, until Done: main keeps only its hash. */
  created = $state.raw<CreatedApiToken | null>(null);
  /** The token whose Revoke waits for its confirmation. */
  revoking = $state<number | null>(null);
  busy = $state(false);
  readonly #calls: ApiTokenCalls;

  constructor(calls: ApiTokenCalls) {
    this.#calls = calls;
  }

  async load(): Promise<void> {
    const listed = await this.#calls.list();
    if (!listed.ok) {
      this.error = listed.error;
      return;
    }
    this.tokens = listed.data;
    this.error = null;
    this.loaded = true;
  }

  /** Makes a token; true when it was made (its secret is then on screen). */
  async create(draft: MethodInput<'apiTokens.create'>): Promise<boolean> {
    this.busy = true;
    const made = await this.#calls.create(draft);
    this.busy = false;
    if (!made.ok) {
      this.error = made.error;
      return false;
    }
    this.tokens = [made.data.token, ...this.tokens];
    this.created = made.data;
    this.error = null;
    return true;
  }

  /** The secret leaves the screen, and the page forgets it. */
  dismissSecret(): void {
    this.created = null;
  }

  askRevoke(id: number): void {
    this.revoking = id;
  }

  keep(): void {
    this.revoking = null;
  }

  async revoke(): Promise<void> {
    const id = this.revoking;
    if (id === null) return;
    this.busy = true;
    const revoked = await this.#calls.revoke(id);
    this.busy = false;
    this.revoking = null;
    if (!revoked.ok) {
      this.error = revoked.error;
      return;
    }
    this.tokens = this.tokens.map((token) => (token.id === id ? revoked.data : token));
    if (this.created?.token.id === id) this.created = null;
    this.error = null;
  }
}
