import { z } from 'zod';
import { sessionFilterSchema, sessionSortSchema, maxPageSize } from './sessions';
import { requiredText } from './text';

export const savedFilterInputSchema = z.strictObject({
  name: requiredText('Filter name', 80),
  filter: sessionFilterSchema,
  sort: sessionSortSchema,
  pageSize: z.int().min(1).max(maxPageSize),
});
export type SavedFilterInput = z.output<typeof savedFilterInputSchema>;

export interface SavedFilter extends SavedFilterInput {
  id: number;
}

export const settingsSchema = z.strictObject({
  /** Auto-refresh period of the Sessions page. */
  refreshSeconds: z
    .int({ error: 'Refresh interval must be a whole number of seconds.' })
    .min(2, { error: 'Refresh interval is at least 2 s.' })
    .max(300, { error: 'Refresh interval is at most 300 s.' }),
});
export type Settings = z.output<typeof settingsSchema>;
export const defaultSettings: Settings = { refreshSeconds: 5 };
