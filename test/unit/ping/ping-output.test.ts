import { describe, expect, it } from 'vitest';
import { parsePingOutput } from '../../../src-main/ping/ping-output';

describe('ping output', () => {
  it('reads iputils counts and round-trip times', () => {
    const output = `--- 127.0.0.1 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 405ms
rtt min/avg/max/mdev = 0.022/0.037/0.053/0.012 ms`;
    expect(parsePingOutput(output)).toEqual({
      sent: 3,
      received: 3,
      lossPercent: 0,
      rtt: { min: 0.022, avg: 0.037, max: 0.053 },
    });
  });

  it('reads total loss with no round-trip line', () => {
    const output = `3 packets transmitted, 0 received, 100% packet loss, time 2047ms`;
    expect(parsePingOutput(output)).toEqual({ sent: 3, received: 0, lossPercent: 100, rtt: null });
  });

  it('reads BusyBox wording', () => {
    const output = `3 packets transmitted, 2 packets received, 33% packet loss
round-trip min/avg/max = 0.1/0.2/0.3 ms`;
    expect(parsePingOutput(output)).toMatchObject({
      received: 2,
      lossPercent: 33,
      rtt: { avg: 0.2 },
    });
  });

  it('says nothing when ping printed no summary', () => {
    expect(parsePingOutput('ping: connect: Network is unreachable')).toBeNull();
  });
});
