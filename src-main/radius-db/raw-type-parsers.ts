import pg from 'pg';

// Values the pool's clients keep as the server's text: timestamps (normalised later, see
// iso-time.ts), int8 and numeric (octet counters pass 2^53 and must stay exact). Set per
// pool, never on pg's global registry, so other pg users in the process are unaffected.
const keptAsText = new Set<number>([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INT8,
  pg.types.builtins.NUMERIC,
]);

const asText = (value: string): string => value;

export const rawTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    keptAsText.has(oid)
      ? asText
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};
