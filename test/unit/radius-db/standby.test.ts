import { describe, expect, it } from 'vitest';
import { standbyLag } from '../../../src-main/radius-db/standby';

// The stat row's two standby columns as SessionStats.standby.
describe('standbyLag', () => {
  it('is null on a primary, whatever the lag column holds', () => {
    expect(standbyLag(false, null)).toBeNull();
  });

  it('says the lag on a standby, and none known when the standby cannot tell', () => {
    expect(standbyLag(true, 3.25)).toEqual({ lagSeconds: 3.25 });
    expect(standbyLag(true, null)).toEqual({ lagSeconds: null });
  });

  it('reads a replay time a little ahead of the clock (skew) as no lag, not a negative one', () => {
    expect(standbyLag(true, -0.4)).toEqual({ lagSeconds: 0 });
  });
});
