import type pg from 'pg';
import { toOperatorError, type DbErrorContext } from './db-errors';
import { StatementNames } from './statement-names';

/** The two ways the module reads: rows as objects (small results), rows as arrays (pages). */
export interface DbQueries {
  objects<Row>(text: string, values: unknown[]): Promise<Row[]>;
  /** rowMode 'array': no per-row object and key lookups, the cheaper decode for big pages. */
  arrays(text: string, values: unknown[]): Promise<unknown[][]>;
}

/**
 * Runs parameterised SQL on the pool and reports every failure as an OperatorError.
 * Statements without parameters are kept prepared per connection (statement-names.ts); where
 * that cannot work (a pooler in transaction mode), the statement is sent again unnamed once.
 */
export function createDbQueries(pool: pg.Pool, context: DbErrorContext): DbQueries {
  const names = new StatementNames();
  const send = async (
    name: string | undefined,
    text: string,
    values: unknown[],
    arrays: boolean,
  ) =>
    arrays
      ? (await pool.query({ name, text, values, rowMode: 'array' })).rows
      : ((await pool.query({ name, text, values })).rows as unknown[]);
  async function run(text: string, values: unknown[], arrays: boolean): Promise<unknown[]> {
    const name = names.nameFor(text, values);
    try {
      try {
        return await send(name, text, values, arrays);
      } catch (error) {
        if (name === undefined || !names.recover((error as { code?: unknown }).code)) throw error;
        return await send(undefined, text, values, arrays);
      }
    } catch (error) {
      throw toOperatorError(error, context);
    }
  }
  return {
    objects: <Row>(text: string, values: unknown[]) => run(text, values, false) as Promise<Row[]>,
    arrays: (text: string, values: unknown[]) => run(text, values, true) as Promise<unknown[][]>,
  };
}
