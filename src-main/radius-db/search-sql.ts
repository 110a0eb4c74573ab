import type { FullNameUsernames } from './full-name-usernames';
import { substringPattern as substring } from './search-pattern';
import type { SearchShape } from './search-shape';
import type { SqlParams } from './sql-params';

/**
 * The radacct expressions a search reads. The expressions are written exactly as the
 * recommended indexes write them (recommended-indexes.ts), so the planner can match them.
 */
export interface SearchColumns {
  username: string;
  /** The framed IP as the operator types it (host() of an inet). */
  framedIpText: string;
  /** The same with each IPv4 dot replaced by its position's letter (see markedAddressSql). */
  framedIpMarked: string;
  /**
   * The framed IP column is inet: its text holds hex digits, dots and colons only, so a
   * search with any other character cannot match it and does not ask.
   */
  framedIpIsInet: boolean;
  mac: string;
  /** The MAC with its separators removed: one spelling whatever the NAS's notation. */
  macDigits: string;
  acctSessionId: string;
  /** Whether subscribers.full_name exists to search (the panel tables). */
  fullNames: boolean;
}

/** Every character host() or text() of an inet can print (IPv4, IPv6, a /length). */
const inetCharacters = /^[0-9a-f.:/]*$/i;

/** The letters that stand for the first, second and third dot of an IPv4 address. */
const dotLetters = ['x', 'y', 'z'] as const;

/**
 * The address text with the dots of an IPv4 address replaced by x, y, z by position
 * ("100.64.1.5" → "100x64y1z5"); anything else (IPv6, text) unchanged. pg_trgm splits
 * words at dots, so an IPv4 fragment has no trigrams that narrow a CGNAT pool ("100.64.1"
 * → "100", "64", "1": every address has them); with the dots as letters the whole address
 * is one word whose trigrams say where each octet sits ("64y1": third octet starts with 1).
 *
 * Built from split_part behind a match without capture groups: regexp_replace with four
 * captured groups costs about 0.5 ms per address in PostgreSQL's regex engine (a search
 * rechecking 70,000 history candidates spent 35 s in it); this form costs about 1.5 µs.
 */
export function markedAddressSql(addressText: string): string {
  const octet = (n: number) => `split_part(${addressText}, '.', ${n})`;
  return (
    `(CASE WHEN ${addressText} ~ '^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$' ` +
    `THEN ${octet(1)} || '${dotLetters[0]}' || ${octet(2)} || '${dotLetters[1]}' || ` +
    `${octet(3)} || '${dotLetters[2]}' || ${octet(4)} ELSE ${addressText} END)`
  );
}

/** MAC separators removed; the same characters a MAC-shaped search drops. */
export function macDigitsSql(mac: string): string {
  return `translate(${mac}, ':-. ', '')`;
}

/**
 * Patterns over the marked address that hold whenever the dotted address contains `dotted`:
 * one per octet the fragment can start in (its dots become the letters of the positions it
 * covers), plus the fragment itself for addresses that are not plain IPv4. They narrow the
 * trigram index; the exact ILIKE beside them decides.
 */
function ipv4Patterns(dotted: string): string[] {
  const dots = [...dotted].filter((char) => char === '.').length;
  const patterns: string[] = [];
  for (let first = 0; first + dots <= dotLetters.length; first += 1) {
    let at = first;
    const marked = dotted.replace(/\./g, () => dotLetters[at++] ?? '.');
    patterns.push(`%${narrowing(marked, first)}%`);
  }
  patterns.push(`%${dotted}%`);
  return patterns;
}

/**
 * The part of a marked fragment whose trigrams narrow the index. Trigrams of digits alone
 * say nothing of where they sit, and an ISP's pools share their first octets (100. for
 * CGNAT, a few public /16s): "100" is in nearly every row, yet the index reads its whole
 * posting list. So the digits before the first letter go: all of them when they are the
 * first octet's ("100x64y1" → "x64y1"), all but two elsewhere ("100y64z1" → "00y64z1", which
 * keeps the octet's end). At 10M rows that took the index from 224 to 90 ms and from 65
 * to 15 ms for the same candidates. A fragment too short to leave a trigram stays whole.
 */
function narrowing(marked: string, first: number): string {
  const letter = marked.search(/[xyz]/);
  const from = first === 0 ? letter : Math.max(0, letter - 2);
  return letter >= 0 && marked.length - from >= 3 ? marked.slice(from) : marked;
}

/**
 * The search condition for a shape. Every branch is the spec's substring match or wider
 * (a MAC in another notation); the extra conditions beside it are implied by it and are
 * there for the indexes. The exact test comes first in each AND: without an index the scan
 * evaluates it alone on most rows, so an unindexed search costs what it cost before.
 */
export function searchSql(
  shape: SearchShape,
  columns: SearchColumns,
  params: SqlParams,
  /** The full-name matches read beforehand (full-name-usernames.ts); null: look them up here. */
  namedUsernames: FullNameUsernames | null = null,
): string {
  const typed = shape.kind === 'ipv4' ? shape.dotted : shape.text;
  const pattern = params.add(substring(typed), 'text');
  const branches = [`${columns.username} ILIKE ${pattern}`];

  switch (shape.kind) {
    case 'ipv4': {
      const marked = ipv4Patterns(shape.dotted).map(
        (each) => `${columns.framedIpMarked} LIKE ${params.add(each, 'text')}`,
      );
      branches.push(`(${columns.framedIpText} ILIKE ${pattern} AND (${marked.join(' OR ')}))`);
      break;
    }
    case 'mac':
    case 'text':
      // A name ('Sara Karimi') or a dashed MAC is in no printed inet: leaving the branch out
      // spares each partition a trigram lookup that finds nothing.
      if (columns.framedIpIsInet && !inetCharacters.test(typed)) break;
      // Text that is not an IPv4 piece holds no dot or no digits-and-dots run the marked
      // form would lose: the marked form contains it whenever the address does.
      branches.push(
        `(${columns.framedIpText} ILIKE ${pattern} AND ${columns.framedIpMarked} ILIKE ${pattern})`,
      );
      break;
  }

  switch (shape.kind) {
    case 'mac':
      // Any notation finds any other: both sides compared as bare hex digits.
      branches.push(`${columns.macDigits} ILIKE ${params.add(substring(shape.hex), 'text')}`);
      break;
    case 'ipv4':
    case 'text': {
      // Removing the separators from both sides keeps every substring a substring.
      const digits = params.add(substring(typed.replace(/[:\-. ]/g, '')), 'text');
      branches.push(`(${columns.mac} ILIKE ${pattern} AND ${columns.macDigits} ILIKE ${digits})`);
      break;
    }
  }

  if (shape.kind === 'text' && columns.fullNames) {
    // Resolved once (an InitPlan, or beforehand) to the usernames, so an index on
    // radacct.username serves it.
    const usernames =
      namedUsernames === null
        ? `ARRAY(SELECT x.username::text FROM subscribers x WHERE x.full_name ILIKE ${pattern})`
        : params.add(namedUsernames, 'text[]');
    branches.push(`${columns.username} = ANY (${usernames})`);
  }
  branches.push(`${columns.acctSessionId} = ${params.add(typed, 'text')}`);
  return `(${branches.join(' OR ')})`;
}
