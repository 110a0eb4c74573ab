import pg from 'pg';
import { timeSql } from '../column-sql';
import type { DetectedSchema } from '../detected-schema';

/** A radacct time column as a timestamptz value, and compared with a bound the index can use. */
export interface RadacctTime {
  /** The column as timestamptz, whatever the deployment typed it as. */
  value: string;
  /**
   * `column op bound`, written against the raw column where its type allows, so FreeRADIUS's
   * btree indexes serve it (a timestamp column compares with the bound in the server's zone).
   */
  compare(op: '<' | '<=' | '>' | '>=', bound: string): string;
}

export function radacctTime(schema: DetectedSchema, name: string): RadacctTime {
  const info = schema.radacct.get(name);
  const column = `r.${name}`;
  const value = timeSql(column, info, schema.serverTimeZone);
  switch (info?.udtName) {
    case 'timestamptz':
      return { value, compare: (op, bound) => `${column} ${op} ${bound}` };
    case 'timestamp': {
      const zone = pg.escapeLiteral(schema.serverTimeZone);
      return { value, compare: (op, bound) => `${column} ${op} (${bound} AT TIME ZONE ${zone})` };
    }
    default:
      return { value, compare: (op, bound) => `${value} ${op} ${bound}` };
  }
}
