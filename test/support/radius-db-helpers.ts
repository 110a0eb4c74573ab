import {
  sessionListInputSchema,
  type SessionListInput,
  type SessionPage,
  type SessionRow,
} from '@contract';
import { expect } from 'vitest';
import { OperatorError } from '../../src-main/operator-error';
import { everything, type OperatorScope } from '../../src-main/operator-scope';
import type { RadiusDb } from '../../src-main/radius-db';

/** A list input as the renderer would send it, with the contract's defaults filled in. */
export function listInput(input: {
  search?: string;
  status?: SessionListInput['filter']['status'];
  nasIp?: string | null;
  sort?: SessionListInput['sort'];
  pageSize?: number;
  cursor?: SessionListInput['cursor'];
}): SessionListInput {
  return sessionListInputSchema.parse({
    filter: { search: input.search, status: input.status, nasIp: input.nasIp },
    sort: input.sort,
    pageSize: input.pageSize,
    cursor: input.cursor,
  });
}

/** Every page of a listing, walked by keyset from the first to the last. */
export async function walkAllPages(
  db: RadiusDb,
  input: SessionListInput,
  scope: OperatorScope = everything,
): Promise<{ rows: SessionRow[]; pages: SessionPage[] }> {
  const pages: SessionPage[] = [];
  let cursor = input.cursor;
  for (;;) {
    const page = await db.listSessions({ ...input, cursor }, scope);
    pages.push(page);
    if (!page.nextCursor) break;
    expect(pages.length, 'keyset walk does not end').toBeLessThan(10_000);
    cursor = page.nextCursor;
  }
  return { rows: pages.flatMap((page) => page.rows), pages };
}

/** The error a promise rejects with, asserted to be an OperatorError. */
export async function operatorErrorOf(promise: Promise<unknown>): Promise<OperatorError> {
  const error = await promise.then(
    () => null,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(OperatorError);
  return error as OperatorError;
}
