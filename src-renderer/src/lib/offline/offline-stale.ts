// The stale rule for an export, which has no acctinterval column: an open session is stale
// when nothing was heard from it for the default threshold before the file was written.
import { defaultStaleAfterSeconds, F, type SessionRow } from '@contract';

/** The moment (ms) before which an open session's last update makes it stale; null: unknown. */
export function staleBeforeOf(exportedAt: string | null): number | null {
  const at = exportedAt === null ? Number.NaN : Date.parse(exportedAt);
  return Number.isNaN(at) ? null : at - defaultStaleAfterSeconds * 1000;
}

export function isStaleAt(session: SessionRow, staleBefore: number | null): boolean {
  if (staleBefore === null || session[F.stopTime] !== null) return false;
  const heard = session[F.updateTime] ?? session[F.startTime];
  const at = heard === null ? Number.NaN : Date.parse(heard);
  return !Number.isNaN(at) && at < staleBefore;
}
