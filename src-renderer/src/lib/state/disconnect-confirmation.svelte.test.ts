import { F, type SessionRow } from '@contract';
import { describe, expect, it } from 'vitest';
import { DisconnectConfirmation } from './disconnect-confirmation.svelte';

const session = (id: string, username: string): SessionRow => [
  id,
  username,
  null,
  null,
  '127.0.10.1',
  'bng-north-1',
  '100.64.0.1',
  null,
  `81a0${id}`,
  null,
  null,
  null,
  null,
  null,
  null,
  null,
];

describe('DisconnectConfirmation', () => {
  it('disconnects the session it was asked about, once', () => {
    const disconnected: string[] = [];
    const confirmation = new DisconnectConfirmation((row) => disconnected.push(row[F.id]));
    confirmation.ask(session('41', 'alice@isp.example'));
    confirmation.confirm();
    confirmation.confirm();
    expect(disconnected).toEqual(['41']);
    expect(confirmation.session).toBeNull();
  });

  it('disconnects nothing when dismissed', () => {
    const disconnected: string[] = [];
    const confirmation = new DisconnectConfirmation((row) => disconnected.push(row[F.id]));
    confirmation.ask(session('41', 'alice@isp.example'));
    confirmation.dismiss();
    confirmation.confirm();
    expect(disconnected).toEqual([]);
  });

  it('names the session last asked about when asked again before answering', () => {
    const disconnected: string[] = [];
    const confirmation = new DisconnectConfirmation((row) => disconnected.push(row[F.id]));
    confirmation.ask(session('41', 'alice@isp.example'));
    confirmation.ask(session('42', 'bob@isp.example'));
    expect(confirmation.session?.[F.username]).toBe('bob@isp.example');
    confirmation.confirm();
    expect(disconnected).toEqual(['42']);
  });
});
