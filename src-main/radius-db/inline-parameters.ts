import pg from 'pg';

/** A query's $n parameters written in as literals: COPY takes no parameters. */
export function inlineParameters(text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)/g, (placeholder, number: string) => {
    const value = values[Number(number) - 1];
    if (value === undefined) throw new Error(`No value for ${placeholder}.`);
    if (value === null) return 'NULL';
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    return pg.escapeLiteral(String(value));
  });
}
