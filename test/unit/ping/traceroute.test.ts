// The system traceroute, run for real against loopback only: hops arrive one by one,
// nothing but an IP literal reaches its argv, a missing tool is said in words.
import type { TracerouteHop } from '@contract';
import { describe, expect, it } from 'vitest';
import { OperatorError } from '../../../src-main/operator-error';
import { tracerouteAddress } from '../../../src-main/ping/traceroute-address';
import { parseTracerouteLine } from '../../../src-main/ping/traceroute-output';

describe('traceroute output', () => {
  it('reads a hop, a silent hop, and skips the header', () => {
    expect(parseTracerouteLine('traceroute to 127.0.0.1 (127.0.0.1), 20 hops max')).toBeNull();
    expect(parseTracerouteLine(' 1  127.0.0.1  0.045 ms')).toEqual({
      hop: 1,
      address: '127.0.0.1',
      rttMs: 0.045,
    });
    expect(parseTracerouteLine(' 7  *')).toEqual({ hop: 7, address: null, rttMs: null });
    expect(parseTracerouteLine('12  2001:db8::1  10.5 ms')).toEqual({
      hop: 12,
      address: '2001:db8::1',
      rttMs: 10.5,
    });
  });
});

describe('tracerouteAddress', () => {
  it('traces loopback and hands over each hop as it comes', async () => {
    const hops: TracerouteHop[] = [];
    await tracerouteAddress('127.0.0.1', (hop) => hops.push(hop), new AbortController().signal);
    expect(hops).toEqual([{ hop: 1, address: '127.0.0.1', rttMs: expect.any(Number) }]);
  });

  it('refuses anything but an IP literal, before running anything', async () => {
    for (const address of ['localhost', '127.0.0.1; reboot', '-n', '']) {
      const failure = await tracerouteAddress(
        address,
        () => undefined,
        new AbortController().signal,
        '/nonexistent',
      ).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OperatorError);
      expect((failure as OperatorError).code).toBe('INVALID_INPUT');
    }
  });

  it('says how to install a missing traceroute', async () => {
    const failure = await tracerouteAddress(
      '127.0.0.1',
      () => undefined,
      new AbortController().signal,
      '/nonexistent/traceroute',
    ).catch((error: unknown) => error);
    expect((failure as OperatorError).message).toMatch(/apt-get install traceroute/);
  });
});
