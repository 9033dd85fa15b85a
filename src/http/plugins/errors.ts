/**
 * One error shape at the edge: { error: { code, message, details } }. Domain errors map to
 * a status by type; schema failures name the field; anything else is a logged 500 that
 * tells the caller only the request id. What Fastify and Node answer on their own (a URL
 * or header too long, a request that is not HTTP, a bad URL, a path parameter too long, a
 * server that is closing) goes out in the same shape.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { ForbiddenError, TooManyError, UnauthenticatedError, UnavailableError } from '../../services/errors.ts';
import { SAFE_TEXT_PATTERN, TASK_ID_PATTERN, UUID_PATTERN } from '../contract/primitives.ts';

const STATUS_BY_TYPE: [new (...args: never[]) => DomainError, number][] = [
  [ValidationError, 422],
  [NotFoundError, 404],
  [ConflictError, 409],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [UnavailableError, 503],
  [TooManyError, 429],
];

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'the body is empty but Content-Type says JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'the body is larger than the 1 MB limit'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'send the body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length', 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: [400, 'bad_url', 'the URL is not valid: a percent-escape does not decode'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long', 'a path parameter is longer than 100 characters'],
};

/** A 422 lists this many problems at most, and says how many more there were. */
export const MAX_LISTED_PROBLEMS = 20;

const PATTERN_REASONS: Record<string, string> = {
  [SAFE_TEXT_PATTERN]: 'must not contain NUL (\\u0000) or an unpaired surrogate',
  [UUID_PATTERN]: 'must be a UUID',
  [TASK_ID_PATTERN]: 'must be "sync-done" or a UUID',
};

interface FieldProblem {
  field: string;
  reason: string;
}

/** Turns Ajv's findings into field names a person can act on. */
function describeValidation(error: FastifyError): FieldProblem[] {
  const part = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const params: Record<string, unknown> = v.params;
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let field = path || part;
    let reason = v.message ?? 'is invalid';
    if (v.keyword === 'required' && typeof params.missingProperty === 'string') {
      field = path ? `${path}.${params.missingProperty}` : params.missingProperty;
      reason = 'is required';
    } else if (v.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      field = path ? `${path}.${params.additionalProperty}` : params.additionalProperty;
      reason = path === 'settings' ? 'is not a known setting' : 'is not a known field';
    } else if (v.keyword === 'type' && !path && part === 'body') {
      reason = 'must be a JSON object';
    } else if (v.keyword === 'pattern' && typeof params.pattern === 'string' && PATTERN_REASONS[params.pattern]) {
      reason = PATTERN_REASONS[params.pattern];
    } else if (v.keyword === 'format' && params.format === 'uuid') {
      reason = 'must be a UUID';
    }
    return { field, reason };
  });
}

/** The first MAX_LISTED_PROBLEMS problems, one per field and reason, and how many more there were. */
function listProblems(all: FieldProblem[]): { fields: FieldProblem[]; more: number } {
  const seen = new Set<string>();
  const unique = all.filter((p) => {
    const key = `${p.field}\u0000${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { fields: unique.slice(0, MAX_LISTED_PROBLEMS), more: Math.max(0, unique.length - MAX_LISTED_PROBLEMS) };
}

function send(reply: FastifyReply, status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return reply.status(status).type('application/json').send({ error: { code, message, details } });
}

/** The error body as text, for answers written straight to a socket or a raw response. */
function errorText(code: string, message: string, details: Record<string, unknown> = {}): string {
  return JSON.stringify({ error: { code, message, details } });
}

/**
 * Fastify's answers before routing (a URL that does not decode, a path parameter over the
 * length limit), in the one shape. Passed as the `frameworkErrors` option.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return send(reply, known[0], known[1], known[2]);
  return send(reply, 400, 'bad_request', 'the request could not be routed');
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'the URL and headers together are larger than 16 KB'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'the request did not arrive in time'],
  ERR_HTTP_HEADERS_TIMEOUT: [408, 'request_timeout', 'the headers did not arrive in time'],
};

/**
 * Node's answers to what is not a readable HTTP request (headers too large, a malformed
 * request line or header, a Content-Length that does not fit the bytes sent), in the one
 * shape. Passed as the `clientErrorHandler` option; the connection is closed after it.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException & { bytesParsed?: number }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = (error.code && CLIENT_ERRORS[error.code]) || [400, 'bad_request', 'the request is not valid HTTP (a malformed request line or header, or a Content-Length that does not fit the body)'];
  if (socket.writable) {
    const body = errorText(code, message, error.code ? { reason: error.code } : {});
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}

export default fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      const status = STATUS_BY_TYPE.find(([type]) => error instanceof type)?.[1] ?? 400;
      if (status >= 500) request.log.warn({ code: error.code }, error.message);
      if (error instanceof TooManyError && error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return send(reply, status, error.code, error.message, error.details);
    }
    if (error.validation) {
      const { fields, more } = listProblems(describeValidation(error));
      const first = fields[0] ?? { field: 'body', reason: 'is invalid' };
      const others = fields.length - 1 + more;
      const message = `${first.field}: ${first.reason}${others > 0 ? ` (and ${others} more problem${others === 1 ? '' : 's'})` : ''}`;
      return send(reply, 422, 'validation_failed', message, more > 0 ? { fields, more } : { fields });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return send(reply, known[0], known[1], known[2]);
    if (error.statusCode === 429) {
      return send(reply, 429, 'rate_limited', 'too many requests; wait a minute and try again');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, error.statusCode, (error.code ?? 'bad_request').toLowerCase(), error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, 'internal_error', `an internal error occurred; quote request id ${request.id}`, {
      request_id: request.id,
    });
  });
});
