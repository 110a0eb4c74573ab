import type {
  NasEntry,
  SchemaSummary,
  SessionListInput,
  SessionPage,
  SessionStats,
} from '@contract';
import type { OperatorScope } from '../operator-scope';

/** An opened FreeRADIUS database: every read the Sessions page makes, under a scope. */
export interface RadiusDb {
  readonly summary: SchemaSummary;
  /** e.g. "PostgreSQL 15.19". */
  readonly serverVersion: string;
  listSessions(input: SessionListInput, scope: OperatorScope): Promise<SessionPage>;
  stats(scope: OperatorScope): Promise<SessionStats>;
  listNas(): Promise<NasEntry[]>;
  /** CoA shared secrets by NAS address, from FreeRADIUS's nas table; empty without one. */
  nasSecrets(): Promise<Map<string, string>>;
  countOnline(scope: OperatorScope): Promise<number>;
  /** Ends the pool; queries still running finish first. */
  close(): Promise<void>;
}
