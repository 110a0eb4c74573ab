// Who the operator is, in one line for the top bar and the connection test.
import type { OperatorIdentity, Permission, ResellerTree } from '@contract';
import { formatCount } from './format';

/** What each permission lets the operator do, short enough for the top bar. */
const permissionLabels: Record<Permission, string> = {
  'sessions.view': 'view',
  'sessions.view_all': 'view all',
  'subscribers.disconnect': 'disconnect',
  'sessions.cleanup': 'clean up',
};

export function resellerLabel(reseller: ResellerTree): string {
  const name = reseller.name ?? `reseller #${reseller.id}`;
  if (reseller.size === null) return `${name} (no reseller tables in this database)`;
  const { resellers, subscribers } = reseller.size;
  if (resellers === 0) return `${name} (not in resellers)`;
  const plural = (count: number, word: string) =>
    `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
  return `${name} (tree: ${plural(resellers, 'reseller')}, ${plural(subscribers, 'subscriber')})`;
}

export interface OperatorSummary {
  /** Role and user type, e.g. "norte_conecta · reseller". */
  who: string;
  /** The reseller and its tree, or what the operator administers. */
  where: string | null;
  /** Which sessions it sees. */
  sees: string;
  /** What it may do, e.g. "view, disconnect", or "nothing". */
  may: string;
}

export function operatorSummary(identity: OperatorIdentity): OperatorSummary {
  const may =
    identity.permissions.length === 0
      ? 'nothing'
      : identity.permissions.map((permission) => permissionLabels[permission]).join(', ');
  switch (identity.kind) {
    case 'database-owner':
      return {
        who: `${identity.role} · administers this database`,
        where: null,
        sees: 'all sessions (no operators table)',
        may,
      };
    case 'not-listed':
      return {
        who: `${identity.role} · not an operator here`,
        where: null,
        sees: 'no sessions',
        may,
      };
    case 'listed':
      return {
        who: `${identity.role} · ${identity.userType}`,
        where: identity.reseller ? resellerLabel(identity.reseller) : null,
        sees: identity.sees === 'everything' ? 'all sessions' : 'its reseller tree',
        may,
      };
  }
}

/** The whole summary on one line, e.g. for a tooltip or the connection test. */
export function operatorLine(identity: OperatorIdentity): string {
  const { who, where, sees, may } = operatorSummary(identity);
  return [who, where, `sees ${sees}`, `may ${may}`].filter(Boolean).join(' · ');
}
