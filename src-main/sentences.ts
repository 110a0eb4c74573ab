/**
 * Joins pieces of an operator message as sentences: each ends with exactly one full stop
 * (unless it already ends a sentence) and they are separated by one space. Messages built
 * from others' messages then never glue (".; CoA:", "the firewall A NAS drops…").
 */
export function sentences(...pieces: (string | null | undefined)[]): string {
  return pieces
    .map((piece) => piece?.trim() ?? '')
    .filter((piece) => piece !== '')
    .map((piece) => (/[.!?…]$/.test(piece) ? piece : `${piece}.`))
    .join(' ');
}
