import { z } from 'zod';
import { operatorText } from './text';

/** Router vs radacct, per NAS or every NAS (README, "Router vs database reconciliation"). */
export const reconcileStartSchema = z.strictObject({
  /** One NAS address; null: every NAS with open sessions or a stored API login. */
  nasIp: operatorText('NAS address', 100).nullable(),
});

export const reconcileIdSchema = z.strictObject({ id: z.int().positive() });

/** An open radacct row as the comparison shows it. */
export interface ReconcileRow {
  radacctId: string;
  username: string;
  acctSessionId: string;
  framedIp: string | null;
  mac: string | null;
}

/** A `/ppp/active` entry as the comparison shows it. */
export interface RouterEntry {
  name: string;
  address: string | null;
  callerId: string | null;
  sessionId: string | null;
}

export interface NasReconciliation {
  nasIp: string;
  nasName: string | null;
  /** What went wrong reading the router (no API login, refused, timed out); null: read. */
  error: string | null;
  routerSessions: number;
  openInRadacct: number;
  /** Open in radacct, not on the router. */
  ghosts: ReconcileRow[];
  /** On the router, no open radacct row: accounting is being lost. */
  unaccounted: RouterEntry[];
  /** The same session on both, with another IP or MAC. */
  mismatched: { row: ReconcileRow; entry: RouterEntry; differs: ('ip' | 'mac')[] }[];
}

export interface Reconciliation {
  id: number;
  state: 'running' | 'done' | 'cancelled';
  /** NAS to read, and read so far. */
  total: number;
  done: number;
  nas: NasReconciliation[];
  startedAt: string;
  finishedAt: string | null;
}
