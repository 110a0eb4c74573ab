/**
 * What the operator typed into the search box, recognised by its shape. Every shape keeps
 * the spec's meaning (a case-insensitive substring of username, framed IP or MAC); a shape
 * only decides how the address columns are matched so an index can serve them, and what
 * else the text may mean (a MAC in another notation).
 *
 * To add a shape: add its variant to SearchShape and its recogniser to `shapeRules`
 * (first match wins); the compiler then points at every `switch` that must say what the
 * new shape matches (search-sql.ts).
 */
export type SearchShape =
  /**
   * Digits and dots with at least one dot ("100.64.1", "64.1.5", "100.64.1.5"): a piece of
   * an IPv4 address. `dotted` is the text as typed.
   */
  | { kind: 'ipv4'; dotted: string }
  /**
   * Hex pairs with separators ("F0-9F-C2", "f0:9f:c2:"), Cisco groups ("f09f.c2"), or bare
   * hex with a letter or twelve digits ("f09fc2"): a piece of a MAC in any notation.
   * `hex` is its digits alone, lower case.
   */
  | { kind: 'mac'; text: string; hex: string }
  /** Anything else: a username or full-name fragment, an Acct-Session-Id. */
  | { kind: 'text'; text: string };

type ShapeRule = (text: string) => SearchShape | null;

const ipv4Piece: ShapeRule = (text) =>
  /^[0-9.]*\.[0-9.]*$/.test(text) && !/\d{4}/.test(text) ? { kind: 'ipv4', dotted: text } : null;

const macSeparators = /[:\-. ]/g;
const macPiece: ShapeRule = (text) => {
  const paired = /^[0-9a-f]{1,2}(?::[0-9a-f]{2})*:?$|^[0-9a-f]{1,2}(?:-[0-9a-f]{2})*-?$/i;
  const cisco = /^[0-9a-f]{1,4}(?:\.[0-9a-f]{4})*(?:\.[0-9a-f]{0,4})?$/i;
  const bare = /^[0-9a-f]{6,12}$/i;
  const separated = /[:\-.]/.test(text) && (paired.test(text) || cisco.test(text));
  const hexOnly = bare.test(text) && (/[a-f]/i.test(text) || text.length === 12);
  if (!separated && !hexOnly) return null;
  return { kind: 'mac', text, hex: text.replace(macSeparators, '').toLowerCase() };
};

/** In order: an IPv4 piece wins over a Cisco MAC group of digits ("1234.5" is a MAC). */
const shapeRules: readonly ShapeRule[] = [ipv4Piece, macPiece];

/** The shape of trimmed, non-empty search text. */
export function classifySearch(text: string): SearchShape {
  for (const rule of shapeRules) {
    const shape = rule(text);
    if (shape) return shape;
  }
  return { kind: 'text', text };
}
