import { F } from '@contract';
import { describe, expect, it } from 'vitest';
import { onlineSessionRow as session } from '../../../../test/support/session-row';
import { DisconnectConfirmation } from './disconnect-confirmation.svelte';

/** A confirmation whose Confirm notes the radacct id it would disconnect. */
function recording(): { confirmation: DisconnectConfirmation; disconnected: string[] } {
  const disconnected: string[] = [];
  const confirmation = new DisconnectConfirmation((row) => disconnected.push(row[F.id]));
  return { confirmation, disconnected };
}

describe('DisconnectConfirmation', () => {
  it('disconnects the session it was asked about, once', () => {
    const { confirmation, disconnected } = recording();
    confirmation.ask(session(41));
    confirmation.confirm();
    confirmation.confirm();
    expect(disconnected).toEqual(['41']);
    expect(confirmation.session).toBeNull();
  });

  it('disconnects nothing when dismissed', () => {
    const { confirmation, disconnected } = recording();
    confirmation.ask(session(41));
    confirmation.dismiss();
    confirmation.confirm();
    expect(disconnected).toEqual([]);
  });

  it('names the session last asked about when asked again before answering', () => {
    const { confirmation, disconnected } = recording();
    confirmation.ask(session(41));
    confirmation.ask(session(42));
    expect(confirmation.session?.[F.username]).toBe('user42@isp.example');
    confirmation.confirm();
    expect(disconnected).toEqual(['42']);
  });
});
