// "Find subscriber" as the operator types: a short pause, then the usernames (and full
// names) that contain the text, whatever its case. Only the answer to the latest text is
// shown: a slow answer to an older one never replaces it.
import type { ApiError, Result, SubscriberSuggestion } from '@contract';

export type SuggestCall = (text: string) => Promise<Result<SubscriberSuggestion[]>>;

/** Pause in typing before asking main. */
export const suggestDelayMs = 150;

export class SubscriberSuggestions {
  text = $state('');
  suggestions = $state.raw<readonly SubscriberSuggestion[]>([]);
  /** The suggestion the arrows are on; -1: none (Enter takes the text). */
  highlighted = $state(-1);
  open = $state(false);
  error = $state.raw<ApiError | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;
  readonly #suggest: SuggestCall;
  readonly #delayMs: number;

  constructor(suggest: SuggestCall, delayMs = suggestDelayMs) {
    this.#suggest = suggest;
    this.#delayMs = delayMs;
  }

  type(text: string): void {
    this.text = text;
    this.highlighted = -1;
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    if (text.trim() === '') {
      this.suggestions = [];
      this.open = false;
      return;
    }
    this.#timer = setTimeout(() => void this.#ask(text, generation), this.#delayMs);
  }

  async #ask(text: string, generation: number): Promise<void> {
    const result = await this.#suggest(text);
    if (generation !== this.#generation) return;
    this.suggestions = result.ok ? result.data : [];
    this.error = result.ok ? null : result.error;
    this.open = true;
  }

  move(step: 1 | -1): void {
    const count = this.suggestions.length;
    if (count === 0) return;
    this.open = true;
    // -1 (the text as typed), then each suggestion, round again.
    this.highlighted = ((this.highlighted + 1 + step + count + 1) % (count + 1)) - 1;
  }

  close(): void {
    this.open = false;
    this.highlighted = -1;
  }

  /**
   * The username Enter opens: the highlighted suggestion; else the one that is the text
   * whatever its case; else the only or first match ("ana.ortega" finds
   * "ana.ortega@fibra.example"); else the text as typed.
   */
  chosen(): string {
    const picked = this.suggestions[this.highlighted];
    if (picked) return picked.username;
    const typed = this.text.trim();
    const same = this.suggestions.find(
      (suggestion) => suggestion.username.toLowerCase() === typed.toLowerCase(),
    );
    return (same ?? this.suggestions[0])?.username ?? typed;
  }

  /** After a pick: the box empties for the next search. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#generation += 1;
    this.text = '';
    this.suggestions = [];
    this.close();
  }
}
