import type { ErrorCode } from '@contract';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { OperatorError } from '../../operator-error';

/**
 * The codes a GraphQL client finds in `errors[].extensions.code`: Apollo Server's names
 * where it has one (what clients and their docs know), Session Desk's own otherwise.
 */
export type GraphqlErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** The service's error codes as the API names them. */
const fromService: Record<ErrorCode, GraphqlErrorCode> = {
  INVALID_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  NO_PROFILE: 'DATABASE_UNAVAILABLE',
  DB_UNREACHABLE: 'DATABASE_UNAVAILABLE',
  DB_BUSY: 'DATABASE_UNAVAILABLE',
  DB_AUTH_FAILED: 'DATABASE_UNAVAILABLE',
  DB_NOT_FOUND: 'DATABASE_UNAVAILABLE',
  NOT_FREERADIUS: 'DATABASE_UNAVAILABLE',
  TIMEOUT: 'DATABASE_UNAVAILABLE',
  DB_READ_ONLY: 'DATABASE_UNAVAILABLE',
  // A disconnect reports NAS failures in its outcome; these reach the API only as bugs would.
  NAS_UNREACHABLE: 'INTERNAL_SERVER_ERROR',
  NAS_REJECTED: 'INTERNAL_SERVER_ERROR',
  BRIDGE_DOWN: 'INTERNAL_SERVER_ERROR',
  CONFLICT: 'INTERNAL_SERVER_ERROR',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export interface ErrorLog {
  error(message: string, error: unknown): void;
}

/** One error of the response body: a message in words, and the code under extensions. */
export function apiError(
  code: GraphqlErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLFormattedError {
  return { message, extensions: { code, ...extensions } };
}

/**
 * An error graphql-js collected, as the client gets it. A resolver's OperatorError keeps its
 * words and gets its code (with its details, e.g. the candidates of an ambiguous session id);
 * anything else a resolver threw is a bug of ours, logged, and said in general words; the
 * errors graphql-js itself raises (syntax, validation, variables) keep their own words.
 */
export function formatError(
  error: GraphQLError,
  fallbackCode: GraphqlErrorCode,
  log: ErrorLog,
): GraphQLFormattedError {
  const formatted = error.toJSON();
  const cause = error.originalError;
  if (cause instanceof OperatorError) {
    return {
      ...formatted,
      message: cause.message,
      extensions: {
        code: fromService[cause.code],
        ...(cause.reason ? { reason: cause.reason } : {}),
        ...cause.details,
      },
    };
  }
  if (cause && !(cause instanceof GraphQLError)) {
    log.error('the Automation API hit an internal error', cause);
    return {
      ...formatted,
      message: 'Session Desk hit an internal error answering this; the details are in its log.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return { ...formatted, extensions: { code: fallbackCode, ...formatted.extensions } };
}
