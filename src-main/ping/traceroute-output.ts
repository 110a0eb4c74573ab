import type { TracerouteHop } from '@contract';

/**
 * One line of `traceroute -n -q 1`: " 3  10.0.0.1  1.234 ms" or " 4  *". null for the
 * header ("traceroute to …") and anything else that is not a hop.
 */
export function parseTracerouteLine(line: string): TracerouteHop | null {
  const hop = /^\s*(\d+)\s+(.*)$/.exec(line);
  if (!hop) return null;
  const rest = hop[2]!.trim();
  if (rest.startsWith('*')) return { hop: Number(hop[1]), address: null, rttMs: null };
  const answer = /^(\S+)\s+([\d.]+)\s*ms/.exec(rest);
  if (!answer) return { hop: Number(hop[1]), address: rest.split(/\s+/)[0] ?? null, rttMs: null };
  return { hop: Number(hop[1]), address: answer[1]!, rttMs: Number(answer[2]) };
}
