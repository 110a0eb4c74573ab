/** Collects query parameters and hands out their $n placeholders, so SQL pieces compose. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder for value, with an explicit cast so PostgreSQL never has to guess. */
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}
