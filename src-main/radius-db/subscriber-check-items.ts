import type { AccountState } from '@contract';
import type { DbQueries } from './db-queries';
import { parseFreeradiusDate } from './freeradius-date';

/** One check item that decides the limit or the state, from the user or one of its groups. */
interface CheckItem {
  attribute: 'simultaneous-use' | 'auth-type' | 'expiration';
  op: string;
  value: string;
  /** null: the user's own radcheck row. */
  groupname: string | null;
}

/** What radcheck, radgroupcheck and radusergroup say about one username. */
export interface SubscriberCheckItems {
  /** The username appears in radcheck or radusergroup at all (e.g. its password row). */
  known: boolean;
  limit: { value: number; source: 'user' | 'group'; group: string | null } | null;
  account: AccountState;
}

// Attribute names compare case-insensitively in FreeRADIUS. The user's own rows come first,
// then groups by radusergroup.priority (lowest first, FreeRADIUS's ORDER BY priority).
const checkItemsSql = `
  SELECT lower(c.attribute::text) AS attribute, c.op::text AS op, c.value::text AS value,
         NULL::text AS groupname, 0 AS rank, -1 AS priority, c.id AS id
  FROM radcheck c
  WHERE c.username = $1 AND lower(c.attribute::text) IN ('simultaneous-use', 'auth-type', 'expiration')
  GROUPS_PART
  ORDER BY rank, priority, id`;

const groupsPart = `
  UNION ALL
  SELECT lower(gc.attribute::text), gc.op::text, gc.value::text, ug.groupname::text, 1,
         ug.priority, gc.id
  FROM radusergroup ug JOIN radgroupcheck gc ON gc.groupname = ug.groupname
  WHERE ug.username = $1
    AND lower(gc.attribute::text) IN ('simultaneous-use', 'auth-type', 'expiration')`;

/**
 * Simultaneous-Use, Auth-Type := Reject and Expiration for a username: the user's radcheck
 * row wins, else the first group by priority. Tables that do not exist count as empty.
 */
export async function readCheckItems(
  db: DbQueries,
  username: string,
  serverTimeZone: string,
  now: Date,
): Promise<SubscriberCheckItems> {
  const [tables] = await db.objects<{ radcheck: boolean; groups: boolean }>(
    `SELECT to_regclass('radcheck') IS NOT NULL AS radcheck,
            to_regclass('radgroupcheck') IS NOT NULL
              AND to_regclass('radusergroup') IS NOT NULL AS groups`,
    [],
  );
  if (!tables?.radcheck) return { known: false, limit: null, account: activeAccount() };
  const [known] = await db.objects<{ known: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM radcheck WHERE username = $1)
       ${tables.groups ? 'OR EXISTS (SELECT 1 FROM radusergroup WHERE username = $1)' : ''}
       AS known`,
    [username],
  );
  const items = await db.objects<CheckItem>(
    checkItemsSql.replace('GROUPS_PART', tables.groups ? groupsPart : ''),
    [username],
  );
  const first = (attribute: CheckItem['attribute']): CheckItem | undefined =>
    items.find((item) => item.attribute === attribute && item.op !== '!=');
  return {
    known: known?.known ?? false,
    limit: limitOf(first('simultaneous-use')),
    account: accountOf(first('auth-type'), first('expiration'), serverTimeZone, now),
  };
}

function limitOf(item: CheckItem | undefined): SubscriberCheckItems['limit'] {
  if (!item || !/^\s*\d{1,9}\s*$/.test(item.value)) return null;
  return {
    value: Number(item.value),
    source: item.groupname === null ? 'user' : 'group',
    group: item.groupname,
  };
}

const where = (item: CheckItem): string =>
  item.groupname === null ? 'in radcheck' : `in radgroupcheck (group ${item.groupname})`;

function accountOf(
  authType: CheckItem | undefined,
  expiration: CheckItem | undefined,
  serverTimeZone: string,
  now: Date,
): AccountState {
  const expires = expiration
    ? { raw: expiration.value, at: parseFreeradiusDate(expiration.value, serverTimeZone) }
    : null;
  if (authType && authType.value.trim().toLowerCase() === 'reject') {
    return {
      state: 'deactivated',
      expiration: expires,
      reason: `Auth-Type ${authType.op} Reject ${where(authType)}`,
    };
  }
  if (expiration && expires?.at && Date.parse(expires.at) <= now.getTime()) {
    return {
      state: 'expired',
      expiration: expires,
      reason: `Expiration "${expiration.value}" ${where(expiration)} has passed`,
    };
  }
  if (expiration && expires) {
    return {
      state: 'active',
      expiration: expires,
      reason:
        expires.at === null
          ? `Expiration "${expiration.value}" ${where(expiration)} is not a date Session Desk can read`
          : `expires "${expiration.value}" ${where(expiration)}`,
    };
  }
  return activeAccount();
}

function activeAccount(): AccountState {
  return { state: 'active', expiration: null, reason: 'no Auth-Type := Reject, no Expiration' };
}
