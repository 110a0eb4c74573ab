import type pg from 'pg';
import { toOperatorError, type DbErrorContext } from './db-errors';
import { StatementNames } from './statement-names';

/** The two ways the module reads: rows as objects (small results), rows as arrays (pages). */
export interface DbQueries {
  objects<Row>(text: string, values: unknown[]): Promise<Row[]>;
  /** rowMode 'array': no per-row object and key lookups, the cheaper decode for big pages. */
  arrays(text: string, values: unknown[]): Promise<unknown[][]>;
  /**
   * The same reads sharing one statement timeout that starts now: a search that runs three
   * statements one after another (names, page beside count, the matches read whole) is cut
   * off when the timeout has passed in all, not after up to three times it.
   */
  sharingTimeout(): DbQueries;
}

/**
 * Below this much time spent (a twentieth of the timeout, at most 250 ms), a statement gets
 * the whole timeout, without a transaction to set a shorter one: the action ends at most this
 * late, and its first statements cost nothing more.
 */
const sharingSlackMs = (timeoutMs: number) => Math.min(250, timeoutMs / 20);

/**
 * Runs parameterised SQL on the pool and reports every failure as an OperatorError.
 * Statements without parameters are kept prepared per connection (statement-names.ts); where
 * that cannot work (a pooler in transaction mode), the statement is sent again unnamed once.
 */
export function createDbQueries(pool: pg.Pool, context: DbErrorContext): DbQueries {
  const names = new StatementNames();
  const timeoutMs = context.statementTimeoutMs;

  /** `named`: whether it may be kept prepared (statement-names.ts); never in a transaction. */
  async function send(
    on: pg.Pool | pg.PoolClient,
    named: boolean,
    text: string,
    values: unknown[],
    arrays: boolean,
  ) {
    const query = async (name: string | undefined) =>
      arrays
        ? (await on.query({ name, text, values, rowMode: 'array' })).rows
        : ((await on.query({ name, text, values })).rows as unknown[]);
    const name = named ? names.nameFor(text, values) : undefined;
    try {
      return await query(name);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (name === undefined || !StatementNames.mayBeTheName(code)) throw error;
      const rows = await query(undefined);
      names.nameFailed(code);
      return rows;
    }
  }

  /** One statement with a statement_timeout of `leftMs`: SET LOCAL needs a transaction. */
  async function sendWithin(leftMs: number, text: string, values: unknown[], arrays: boolean) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.ceil(leftMs)}`);
      // Unnamed: after a failure in a transaction nothing can be sent again, and this is the
      // tail of a slow search, whose planning is not what it waits for.
      const rows = await send(client, false, text, values, arrays);
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: unknown) => {
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  function queries(startedAt: number | null): DbQueries {
    async function run(text: string, values: unknown[], arrays: boolean): Promise<unknown[]> {
      try {
        const spentMs = startedAt === null ? 0 : performance.now() - startedAt;
        if (spentMs < sharingSlackMs(timeoutMs))
          return await send(pool, true, text, values, arrays);
        const leftMs = timeoutMs - spentMs;
        // PostgreSQL's own word for it, so the operator reads the same "cut short" message.
        if (leftMs < 1) throw Object.assign(new Error('statement timeout'), { code: '57014' });
        return await sendWithin(leftMs, text, values, arrays);
      } catch (error) {
        throw toOperatorError(error, context);
      }
    }
    return {
      objects: <Row>(text: string, values: unknown[]) => run(text, values, false) as Promise<Row[]>,
      arrays: (text: string, values: unknown[]) => run(text, values, true) as Promise<unknown[][]>,
      sharingTimeout: () => queries(performance.now()),
    };
  }
  return queries(null);
}
