// Whether the database is reachable, as the page's own reads see it. A lost link keeps
// the last rows on screen (marked stale) and is retried by the auto-refresh; the banner
// goes away by itself when reads succeed again.
import type { ApiError, ErrorCode } from '@contract';

const linkCodes: ReadonlySet<ErrorCode> = new Set([
  'DB_UNREACHABLE',
  'DB_BUSY',
  'DB_AUTH_FAILED',
  'TIMEOUT',
  'BRIDGE_DOWN',
]);

export const isLinkLoss = (error: ApiError): boolean => linkCodes.has(error.code);

/** Which read reported: each clears its own loss when it succeeds. */
export type LinkReader = 'sessions' | 'stats' | 'nas';

export class LinkHealth {
  #losses = $state.raw<Partial<Record<LinkReader, ApiError>>>({});
  /** The loss to show, if any. */
  readonly lost: ApiError | null = $derived(
    this.#losses.sessions ?? this.#losses.stats ?? this.#losses.nas ?? null,
  );

  /** Record how one read ended (null: it succeeded). */
  note(reader: LinkReader, error: ApiError | null): void {
    const loss = error && isLinkLoss(error) ? error : null;
    const losses = { ...this.#losses };
    if (loss) losses[reader] = loss;
    else delete losses[reader];
    this.#losses = losses;
  }
}
