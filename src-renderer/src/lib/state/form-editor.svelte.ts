// What the profile form and the NAS access form share: edited since loaded, which call is
// running, what it said (an error, a notice), and Delete's confirmation. Each form adds its
// own fields, draft and secrets; the calls go through `during`, so every button reads the
// same busy / error state the same way.
import type { ApiError, Result } from '@contract';

export abstract class FormEditor<Busy extends string> {
  /** Edited since loaded or saved. */
  dirty = $state(false);
  /** The call running now (the form disables its buttons); null: none. */
  busy = $state<Busy | 'deleting' | null>(null);
  error = $state.raw<ApiError | null>(null);
  notice = $state<string | null>(null);
  confirmingDelete = $state(false);

  /** A freshly loaded form: nothing edited, nothing said, no Delete pending. */
  protected resetOutcome(): void {
    this.dirty = false;
    this.busy = null;
    this.error = null;
    this.notice = null;
    this.confirmingDelete = false;
  }

  /** Runs one call with `busy` set; a refusal is kept in `error` (and returned, for callers). */
  protected async during<T>(
    what: Busy | 'deleting',
    call: () => Promise<Result<T>>,
  ): Promise<Result<T>> {
    this.busy = what;
    this.error = null;
    const result = await call();
    this.busy = null;
    if (!result.ok) this.error = result.error;
    return result;
  }

  /** Delete, once confirmed: true when main forgot it. */
  protected async removeWith(call: () => Promise<Result<unknown>>): Promise<boolean> {
    const result = await this.during('deleting', call);
    this.confirmingDelete = false;
    return result.ok;
  }
}
