/** Collects query parameters and hands out their $n placeholders, so SQL pieces compose. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder for value, with an explicit cast so PostgreSQL never has to guess. */
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/**
 * A whole number written into the SQL rather than sent as a parameter: a page's LIMIT is
 * one of a few values, and a statement left with no parameters at all is planned once per
 * connection (statement-names.ts). Refuses anything but a non-negative safe integer.
 */
export function integerSql(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${value} is not a row count that can be written into SQL.`);
  }
  return String(value);
}
