// "Who had this IP (or MAC) at this time?": the form's two fields and the answer.
import type { ApiError, WhoHadResult } from '@contract';
import { isoFromLocalInput, localInputValue } from '../local-time-input';
import { request } from '../request';

export class WhoHadLookup {
  address = $state('');
  /** As typed: local wall time, 24-hour, no zone ("2026-11-21 03:12:09"). */
  at = $state(localInputValue(Date.now()));
  result = $state.raw<WhoHadResult | null>(null);
  error = $state.raw<ApiError | null>(null);
  busy = $state(false);

  /** Who holds this address at this moment. */
  askNow(address: string): Promise<void> {
    this.address = address;
    this.at = localInputValue(Date.now());
    return this.ask();
  }

  async ask(): Promise<void> {
    const at = isoFromLocalInput(this.at);
    if (at === null) {
      this.error = {
        code: 'INVALID_INPUT',
        message:
          'Type the time as 2026-11-21 03:12 (24-hour, this workstation’s time zone; seconds optional).',
      };
      return;
    }
    this.busy = true;
    const result = await request('subscribers.whoHad', {
      address: this.address,
      at,
    });
    this.busy = false;
    this.result = result.ok ? result.data : null;
    this.error = result.ok ? null : result.error;
  }
}
