import type { Result, SweepPreview, SweeperStatus } from '@contract';
import { describe, expect, it } from 'vitest';
import { StaleCleanup, type StaleCleanupCalls } from './stale-cleanup.svelte';

const status = (minutes: number, enabled: boolean): SweeperStatus => ({
  settings: {
    staleAfterSeconds: minutes * 60,
    sweeperEnabled: enabled,
    changedBy: null,
    changedAt: null,
  },
  runningHere: false,
  runner: null,
  lastSweep: null,
  heldNas: [],
});

const ok = <T>(data: T): Result<T> => ({ ok: true, data });

function fakeMain(): StaleCleanupCalls & { saved: unknown[] } {
  let current = status(30, false);
  const saved: unknown[] = [];
  const preview: SweepPreview = { staleAfterSeconds: 1800, nas: [], toClose: 0, readAt: '' };
  return {
    saved,
    status: async () => ok(current),
    save: async (input) => {
      if (input.staleAfterSeconds < 600) {
        return {
          ok: false,
          error: { code: 'INVALID_INPUT', message: 'at least 10 minutes' },
        };
      }
      saved.push(input);
      current = status(input.staleAfterSeconds / 60, input.sweeperEnabled);
      return ok(null);
    },
    preview: async () => ok(preview),
    sweepNow: async () => ok({ at: '', by: 'noc', closed: 2, perNas: [], held: [] }),
    confirmNas: async () => ok(null),
  };
}

describe('StaleCleanup', () => {
  it('loads the settings into the form and knows when it changed', async () => {
    const page = new StaleCleanup(fakeMain());
    await page.load();
    expect([page.minutes, page.enabled, page.changed]).toEqual([30, false, false]);
    page.enabled = true;
    expect(page.changed).toBe(true);
  });

  it('saves minutes as seconds and reloads what main kept', async () => {
    const main = fakeMain();
    const page = new StaleCleanup(main);
    await page.load();
    page.minutes = 45;
    page.enabled = true;
    await page.save();
    expect(main.saved).toEqual([{ staleAfterSeconds: 2700, sweeperEnabled: true }]);
    expect(page.changed).toBe(false);
    expect(page.busy).toBe(false);
  });

  it('keeps a refusal in words and the form as typed', async () => {
    const page = new StaleCleanup(fakeMain());
    await page.load();
    page.minutes = 5;
    await page.save();
    expect(page.error?.code).toBe('INVALID_INPUT');
    expect(page.minutes).toBe(5);
  });

  it('a sweep clears the preview and keeps its summary', async () => {
    const page = new StaleCleanup(fakeMain());
    await page.showPreview();
    expect(page.preview).not.toBeNull();
    await page.sweepNow();
    expect(page.preview).toBeNull();
    expect(page.swept?.closed).toBe(2);
  });
});
