import { userInfo } from 'node:os';
import type { LocalStore } from '../local-store';
import type { Operator } from './disconnect-outcome';

/**
 * Who is acting, as the audit log records it: the workstation's OS user and the database
 * role of the profile in use. userInfo() throws for a uid with no passwd entry (containers).
 */
export function currentOperator(store: LocalStore, profileId: number): Operator {
  let osUser: string;
  try {
    osUser = userInfo().username;
  } catch {
    osUser = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return { osUser, dbRole: store.profiles.get(profileId)?.user ?? null };
}
