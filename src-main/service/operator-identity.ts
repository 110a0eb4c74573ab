import { userInfo } from 'node:os';
import type { OperatorAccess } from '../operator-access';
import type { Operator } from './disconnect-outcome';

/**
 * Who is acting, as the audit log records it: the workstation's OS user, the connected
 * operator (database role, user type, reseller), and the Automation API token when one asked.
 * userInfo() throws for a uid with no passwd entry (containers).
 */
export function currentOperator(
  { identity }: OperatorAccess,
  apiToken: string | null = null,
): Operator {
  let osUser: string;
  try {
    osUser = userInfo().username;
  } catch {
    osUser = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  const listed = identity.kind === 'listed' ? identity : null;
  return {
    osUser,
    dbRole: identity.role,
    userType: listed?.userType ?? null,
    resellerId: listed?.reseller?.id ?? null,
    resellerName: listed?.reseller?.name ?? null,
    apiToken,
  };
}
