import type { PingReport } from '@contract';

/** iputils / BusyBox ping's summary lines, as numbers. */
export function parsePingOutput(
  output: string,
): Pick<PingReport, 'sent' | 'received' | 'lossPercent' | 'rtt'> | null {
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(output);
  if (!counts) return null;
  const sent = Number(counts[1]);
  const received = Number(counts[2]);
  const loss = /([\d.]+)% packet loss/.exec(output);
  const rtt = /= ([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(output);
  return {
    sent,
    received,
    lossPercent: loss ? Number(loss[1]) : sent === 0 ? 100 : ((sent - received) / sent) * 100,
    rtt:
      rtt && received > 0
        ? { min: Number(rtt[1]), avg: Number(rtt[2]), max: Number(rtt[3]) }
        : null,
  };
}
