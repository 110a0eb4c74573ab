import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  GraphQLError,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
} from 'graphql';
import { graphqlPath } from '@contract';
import { bearerToken } from '../../loopback/access-guard';
import type { HttpEndpoint } from '../../loopback/loopback-server';
import type { AutomationApi } from '../automation-api';
import { RateLimiter } from '../rate-limiter';
import { apiError, formatError, type ErrorLog } from './graphql-errors';
import { readGraphqlRequest } from './graphql-request';
import { queryLimitErrors, queryLimits } from './query-limits';
import { rootResolvers, type ApiContext } from './root-resolvers';
import { automationSchema } from './schema';

const responseHeaders = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

interface Answer {
  status: number;
  body: { data?: unknown; errors?: readonly GraphQLFormattedError[] };
  headers?: Record<string, string>;
}

const refusal = (
  status: number,
  error: GraphQLFormattedError,
  headers: Record<string, string> = {},
): Answer => ({ status, body: { errors: [error] }, headers });

/** `application/json`, with at most a UTF-8 charset: what a JSON client sends. */
function isJsonContentType(header: string | undefined): boolean {
  const [type, ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((parameter) => parameter === '' || /^charset="?utf-8"?$/.test(parameter));
}

/**
 * POST /graphql on the loopback server: the Automation API, for scripts and bots rather than
 * browsers. In order: POST only; no cookie and no Origin (every browser sends Origin with a
 * POST, and no page may drive the API: a cross-site page cannot even send Content-Type:
 * application/json or an Authorization header without a CORS preflight, which gets no CORS
 * answer); a valid bearer token of the open profile (401 otherwise); the token's rate; the
 * body within 64 KiB, one operation, within the query limits; then graphql-js runs it.
 */
export function graphqlEndpoint(api: AutomationApi, log: ErrorLog): HttpEndpoint {
  const limiter = new RateLimiter();

  async function answer(request: IncomingMessage): Promise<Answer> {
    if (request.method !== 'POST') {
      return refusal(
        405,
        apiError(
          'BAD_REQUEST',
          'The Automation API answers POST requests only (GraphQL over HTTP, JSON body).',
        ),
        { Allow: 'POST' },
      );
    }
    if (request.headers.cookie !== undefined || request.headers.origin !== undefined) {
      return refusal(
        403,
        apiError(
          'FORBIDDEN',
          'The Automation API takes no requests from web pages: it refuses any request with a ' +
            'cookie or an Origin header. Call it from a script (curl, a GraphQL client) with a bearer token.',
        ),
      );
    }
    if (!isJsonContentType(request.headers['content-type'])) {
      return refusal(
        415,
        apiError('BAD_REQUEST', 'Send the request with Content-Type: application/json.'),
      );
    }
    const authorization = request.headers.authorization;
    const secret = bearerToken(authorization);
    if (authorization !== undefined && secret === null) {
      return unauthenticated(
        'The Authorization header must be "Bearer <token>", with the token exactly as it was shown.',
        true,
      );
    }
    const authentication = api.authenticate(secret);
    if (!authentication.ok) return unauthenticated(authentication.why, secret !== null);
    const { caller } = authentication;

    const allowed = limiter.take(caller.tokenId);
    if (!allowed.ok) {
      return refusal(
        429,
        apiError(
          'RATE_LIMITED',
          `The API token "${caller.name}" has made too many requests: try again in ` +
            `${allowed.retryAfterSeconds} s. Each token may make a short burst, then about one a second.`,
        ),
        { 'Retry-After': String(allowed.retryAfterSeconds) },
      );
    }

    const reading = await readGraphqlRequest(request);
    if (!reading.ok) return refusal(reading.status, apiError('BAD_REQUEST', reading.message));
    const { query, variables, operationName } = reading.request;

    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: queryLimits.maxTokens });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { status: 400, body: { errors: [formatError(error, 'GRAPHQL_PARSE_FAILED', log)] } };
    }
    // The limits first: the validation's own rules would otherwise pay for an oversized document.
    const overLimits = queryLimitErrors(automationSchema, document);
    const invalid =
      overLimits.length > 0
        ? overLimits
        : validate(automationSchema, document, specifiedRules, { maxErrors: 10 });
    if (invalid.length > 0) {
      return {
        status: 400,
        body: {
          errors: invalid.map((error) => formatError(error, 'GRAPHQL_VALIDATION_FAILED', log)),
        },
      };
    }

    if (getOperationAST(document, operationName)?.operation === 'subscription') {
      return refusal(
        400,
        apiError(
          'GRAPHQL_VALIDATION_FAILED',
          'The Automation API has no subscriptions: ask with a query, as often as needed.',
        ),
      );
    }

    const contextValue: ApiContext = { api, caller };
    const result = await execute({
      schema: automationSchema,
      document,
      rootValue: rootResolvers,
      contextValue,
      variableValues: variables,
      operationName,
    });
    // No data at all: the request itself was wrong (variables of the wrong type, no such
    // operation), so nothing ran.
    if (!('data' in result) || result.data === undefined) {
      return {
        status: 400,
        body: {
          errors: (result.errors ?? []).map((error) => formatError(error, 'BAD_USER_INPUT', log)),
        },
      };
    }
    return {
      status: 200,
      body: {
        ...(result.errors
          ? {
              errors: result.errors.map((error) =>
                formatError(error, 'INTERNAL_SERVER_ERROR', log),
              ),
            }
          : {}),
        data: result.data,
      },
    };
  }

  return {
    path: graphqlPath,
    async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
      const { status, body, headers } = await answer(request);
      const json = JSON.stringify(body);
      // A refusal that left a body unread ends the connection rather than reading it.
      const unread = !request.readableEnded;
      response.writeHead(status, {
        ...responseHeaders,
        ...headers,
        'Content-Length': String(Buffer.byteLength(json)),
        ...(unread ? { Connection: 'close' } : {}),
      });
      response.end(json);
    },
  };
}

function unauthenticated(why: string, tokenGiven: boolean): Answer {
  return refusal(401, apiError('UNAUTHENTICATED', why), {
    'WWW-Authenticate': tokenGiven
      ? 'Bearer realm="Session Desk", error="invalid_token"'
      : 'Bearer realm="Session Desk"',
  });
}
