import { z } from 'zod';

/** radacct's primary key is bigint (int8): no session has an id above this. */
export const maxRadacctId = '9223372036854775807';

/** A whole number from 1 to maxRadacctId, compared as digits (a JS number would round it). */
const inRange = (id: string): boolean =>
  id.length < maxRadacctId.length || (id.length === maxRadacctId.length && id <= maxRadacctId);

/**
 * A radacct id as text (it does not fit a JS number exactly), refused before any SQL when it
 * is not a number or past the largest bigint: PostgreSQL would only refuse it in its own words.
 */
export function radacctIdText(messages: { malformed: string; tooLarge: string }) {
  return z
    .string({ error: messages.malformed })
    .regex(/^[1-9][0-9]{0,18}$/, { error: messages.malformed, abort: true })
    .refine(inRange, { error: messages.tooLarge });
}

/** radacct's primary key, as a request names one session. */
export const radacctIdSchema = radacctIdText({
  malformed: 'A session is named by its radacct id (a number).',
  tooLarge: `That session id is larger than any radacct id PostgreSQL can hold (${maxRadacctId}): no such session exists.`,
});
