import { describe, expect, it } from 'vitest';
import { demoPingEnv, subscriberSettingsFromEnv } from '../../../src-main/ping/demo-ping';

describe('the demo’s ping target', () => {
  it('sends every ping to loopback when the demo launched the app', () => {
    const settings = subscriberSettingsFromEnv({ [demoPingEnv]: '1' });
    expect(settings?.pingTarget?.('100.64.12.34')).toBe('127.0.0.1');
  });

  it('pings the framed IP itself otherwise', () => {
    expect(subscriberSettingsFromEnv({})).toBeUndefined();
    expect(subscriberSettingsFromEnv({ [demoPingEnv]: 'yes' })).toBeUndefined();
  });
});
