/** The one error shape, and the error statuses a route can answer. */
import { Type, type Static } from 'typebox';
import { FreeObject } from './primitives.ts';

export const ErrorBody = Type.Object({
  error: Type.Object({
    /** Machine-readable: not_found, validation_failed, invalid_status, queue_unavailable, … */
    code: Type.String({ description: 'machine-readable code, e.g. not_found, validation_failed, queue_unavailable' }),
    message: Type.String({ description: 'what went wrong, naming the field when there is one' }),
    details: FreeObject({ description: 'the facts behind the message: the field and reason, counts, statuses' }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });
export type ErrorBody = Static<typeof ErrorBody>;

export const ERROR_DESCRIPTIONS = {
  400: 'The body is not valid JSON',
  401: 'No token, or a token that is invalid or expired',
  403: 'The token’s role is not allowed here',
  404: 'Not found',
  405: 'The path exists, but not for this method; Allow lists the methods it takes',
  409: 'Not allowed in the current state',
  413: 'The body is larger than the limit',
  414: 'A path parameter is longer than 100 characters',
  415: 'The body is not JSON',
  422: 'A field is missing or invalid; details.fields names at most 20 (field and reason) and details.more counts the rest',
  429: 'Too many requests; Retry-After says when to try again',
  500: 'An internal error; the message quotes the request id',
  503: 'A dependency is unavailable, or the server is shutting down; retry later',
} as const;
export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The error shape, described for one status. */
function errorResponse(status: ErrorStatus) {
  return Type.Object(ErrorBody.properties, { additionalProperties: false, description: ERROR_DESCRIPTIONS[status] });
}

/** Each error status's response schema; a route lists those it adds to the ones plugins/contract.ts gives every route of its kind. */
export const ErrorResponse = {
  400: errorResponse(400),
  401: errorResponse(401),
  403: errorResponse(403),
  404: errorResponse(404),
  405: errorResponse(405),
  409: errorResponse(409),
  413: errorResponse(413),
  414: errorResponse(414),
  415: errorResponse(415),
  422: errorResponse(422),
  429: errorResponse(429),
  500: errorResponse(500),
  503: errorResponse(503),
} as const satisfies Record<ErrorStatus, unknown>;
