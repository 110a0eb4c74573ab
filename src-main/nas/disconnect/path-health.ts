import type { DisconnectAttempt, DisconnectPath } from './disconnect-report';

/** A path given up on for one NAS for the rest of a run, with the reason, said once. */
export interface PathVerdict {
  nasIp: string;
  path: DisconnectPath;
  /** e.g. "login refused earlier in this run: RouterOS API at … refused the login …". */
  reason: string;
}

/** Timeouts in a row after which a path of a NAS is given up on for the run. */
export const defaultTimeoutsInARow = 3;

const refusedWords: Record<DisconnectPath, string> = {
  'routeros-api': 'login refused',
  coa: 'replies refused',
};

/**
 * What a bulk run has learnt about each NAS's paths. A refusal (a login refused, replies
 * signed with another secret) gives the path up at once, and a few timeouts in a row on a
 * path that has not answered once in the run do too: the NAS's later sessions then skip
 * that path instead of paying for the same failure again. A path that has answered is
 * alive, and its timeouts are load, not a dead NAS: it is kept. Other NAS are not affected.
 */
export class PathHealth {
  private readonly verdicts = new Map<string, PathVerdict>();
  private readonly timeouts = new Map<string, number>();
  private readonly answered = new Set<string>();

  constructor(
    private readonly onVerdict: (verdict: PathVerdict) => void = () => undefined,
    private readonly timeoutsInARow = defaultTimeoutsInARow,
  ) {}

  /** Why this path of this NAS is given up on; null while it is still worth trying. */
  verdict(nasIp: string, path: DisconnectPath): string | null {
    return this.verdicts.get(key(nasIp, path))?.reason ?? null;
  }

  /** Learns from one attempt as it finishes. */
  record(nasIp: string, attempt: DisconnectAttempt): void {
    const at = key(nasIp, attempt.path);
    if (this.verdicts.has(at)) return;
    if (attempt.answered || attempt.outcome === 'ok') {
      this.answered.add(at);
      return;
    }
    const detail = withoutPathPrefix(attempt.detail);
    if (attempt.failure === 'refused') {
      this.giveUp(at, {
        nasIp,
        path: attempt.path,
        reason: `${refusedWords[attempt.path]} earlier in this run: ${detail}`,
      });
    } else if (attempt.failure === 'timed-out' && !this.answered.has(at)) {
      const inARow = (this.timeouts.get(at) ?? 0) + 1;
      this.timeouts.set(at, inARow);
      if (inARow >= this.timeoutsInARow) {
        this.giveUp(at, {
          nasIp,
          path: attempt.path,
          reason: `no answer ${inARow} times in a row earlier in this run: ${detail}`,
        });
      }
    }
  }

  private giveUp(at: string, verdict: PathVerdict): void {
    this.verdicts.set(at, verdict);
    this.onVerdict(verdict);
  }
}

function key(nasIp: string, path: DisconnectPath): string {
  return `${path} ${nasIp}`;
}

/** "CoA: No reply …" → "No reply …": the verdict is quoted after the path's own name. */
function withoutPathPrefix(detail: string): string {
  return detail.replace(/^(RouterOS API|CoA): /, '');
}
