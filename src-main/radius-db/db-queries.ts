import type pg from 'pg';
import { toOperatorError, type DbErrorContext } from './db-errors';

/** The two ways the module reads: rows as objects (small results), rows as arrays (pages). */
export interface DbQueries {
  objects<Row>(text: string, values: unknown[]): Promise<Row[]>;
  /** rowMode 'array': no per-row object and key lookups, the cheaper decode for big pages. */
  arrays(text: string, values: unknown[]): Promise<unknown[][]>;
}

/** Runs parameterised SQL on the pool and reports every failure as an OperatorError. */
export function createDbQueries(pool: pg.Pool, context: DbErrorContext): DbQueries {
  return {
    async objects<Row>(text: string, values: unknown[]): Promise<Row[]> {
      try {
        const result = await pool.query({ text, values });
        return result.rows as Row[];
      } catch (error) {
        throw toOperatorError(error, context);
      }
    },
    async arrays(text: string, values: unknown[]): Promise<unknown[][]> {
      try {
        const result = await pool.query({ text, values, rowMode: 'array' });
        return result.rows as unknown[][];
      } catch (error) {
        throw toOperatorError(error, context);
      }
    },
  };
}
