import { z } from 'zod';

/** Row height of the session tables: compact fits ~45 rows on a 1080 px screen. */
export const tableDensities = ['compact', 'comfortable'] as const;
export type TableDensity = (typeof tableDensities)[number];

/**
 * Which session columns a profile shows, and how dense. Column ids are the renderer's
 * (other versions may know more or fewer): main keeps them as given, the renderer ignores
 * the ones it does not know.
 */
export const tableLayoutSchema = z.strictObject({
  columns: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, { error: 'Unknown column id.' }))
    .max(60, { error: 'At most 60 columns.' }),
  density: z.enum(tableDensities),
});
export type TableLayout = z.output<typeof tableLayoutSchema>;
