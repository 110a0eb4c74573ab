import type { IncomingMessage } from 'node:http';

/** The largest request body: the spec's query is under 300 bytes; 64 KiB is abuse. */
export const maxBodyBytes = 64 * 1024;

/** One GraphQL-over-HTTP request, as the JSON body carries it. */
export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

export type BodyReading =
  { ok: true; request: GraphqlRequest } | { ok: false; status: 400 | 413; message: string };

const tooLarge: BodyReading = {
  ok: false,
  status: 413,
  message: `The request body is over ${maxBodyBytes / 1024} KiB: no query needs that much. Send a smaller one.`,
};

const cutShort: BodyReading = {
  ok: false,
  status: 400,
  message: 'The request body ended before its declared length.',
};

/**
 * Reads the body up to the limit; past it, stops and says so (nothing more is buffered).
 * The request stays open when reading stops, so the refusal can still be sent.
 */
async function readBody(request: IncomingMessage): Promise<Buffer | BodyReading> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request.iterator({
      destroyOnReturn: false,
    }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBodyBytes) return tooLarge;
      chunks.push(chunk);
    }
  } catch {
    // The client went away mid-body (or sent a broken chunked encoding): nobody to answer.
    return cutShort;
  }
  return Buffer.concat(chunks);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const badRequest = (message: string): BodyReading => ({ ok: false, status: 400, message });

/**
 * The body of a POST to /graphql: `{"query": …, "variables": {…}, "operationName": …}` in
 * UTF-8 JSON. A batch (a JSON array of such objects) is refused: one operation per request
 * keeps the rate limit and the cost limits meaningful.
 */
export async function readGraphqlRequest(request: IncomingMessage): Promise<BodyReading> {
  const body = await readBody(request);
  if (!Buffer.isBuffer(body)) return body;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return badRequest('The request body is not valid UTF-8.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return badRequest(
      'The request body is not valid JSON. Send {"query": "…", "variables": {…}} with Content-Type: application/json.',
    );
  }
  if (Array.isArray(parsed)) {
    return badRequest('Batched queries are not accepted: send one operation per request.');
  }
  if (!isRecord(parsed)) {
    return badRequest('The request body must be a JSON object: {"query": "…", "variables": {…}}.');
  }
  const { query, variables, operationName } = parsed;
  if (typeof query !== 'string' || query.trim() === '') {
    return badRequest('The request has no query: "query" must be the GraphQL document, as text.');
  }
  if (variables !== undefined && variables !== null && !isRecord(variables)) {
    return badRequest('"variables" must be a JSON object of variable names and values.');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return badRequest('"operationName" must be text: the name of one operation in the query.');
  }
  return {
    ok: true,
    request: {
      query,
      variables: variables ?? undefined,
      operationName: operationName ?? undefined,
    },
  };
}
