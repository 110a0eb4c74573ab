// The pool's sessions run with TimeZone = UTC and timestamps come back as PostgreSQL's raw
// text ("2026-11-21 08:00:00.5+00"), which is cheaper than building Date objects for a
// 1000-row page. This turns that text into ISO 8601 with a "Z" offset.
const utcTimestamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)\+00$/;

/** ISO 8601 in UTC with a "Z" offset, e.g. "2026-11-21T08:00:00Z"; other text (infinity, BC) as is. */
export function isoTime(raw: string | null): string | null {
  if (raw === null) return null;
  const match = utcTimestamp.exec(raw);
  return match ? `${match[1]}T${match[2]}Z` : raw;
}

const plus = 0x2b;
const zero = 0x30;
// The head of utcTimestamp, "2026-11-21 08:00:00": d a digit, anything else itself.
const timestampHead = [...'dddd-dd-dd dd:dd:dd'].map((char) =>
  char === 'd' ? -1 : char.charCodeAt(0),
);
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= zero && byte <= 0x39;

/**
 * Whether bytes `at`..`end` are text `utcTimestamp` matches: what isoTime turns into ISO (a
 * 'T' at offset 10, the '+00' as 'Z'). The same grammar on bytes, for the export, which
 * reads 300,000 times per 100,000 rows and cannot afford a string and a match for each
 * (1.04x of COPY with this, 1.19x with isoTime). iso-time.test.ts holds the two together.
 */
export function isUtcTimestamp(input: Buffer, at: number, end: number): boolean {
  if (end - at < 22) return false;
  for (let index = 0; index < timestampHead.length; index += 1) {
    const expected = timestampHead[index]!;
    const byte = input[at + index];
    if (expected === -1 ? !isDigit(byte) : byte !== expected) return false;
  }
  const zone = end - 3;
  if (input[zone] !== plus || input[zone + 1] !== zero || input[zone + 2] !== zero) return false;
  const fraction = at + timestampHead.length;
  if (fraction === zone) return true;
  if (input[fraction] !== 0x2e || fraction + 1 === zone) return false;
  for (let index = fraction + 1; index < zone; index += 1) {
    if (!isDigit(input[index])) return false;
  }
  return true;
}
