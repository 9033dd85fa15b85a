/**
 * One error shape at the edge: { error: { code, message, details } }. Domain errors map to
 * a status by type; schema failures name the field; anything else is a logged 500 that
 * tells the caller only the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from '../../domain/errors.ts';
import { SAFE_TEXT_PATTERN } from '../contract/primitives.ts';

const STATUS_BY_TYPE: [new (...args: never[]) => DomainError, number][] = [
  [ValidationError, 422],
  [NotFoundError, 404],
  [ConflictError, 409],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [UnavailableError, 503],
];

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'the body is empty but Content-Type says JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'the body is larger than the 1 MB limit'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'send the body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length', 'Content-Length does not match the body'],
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
    } else if (v.keyword === 'pattern' && params.pattern === SAFE_TEXT_PATTERN) {
      reason = 'must not contain NUL (\\u0000) or an unpaired surrogate';
    }
    return { field, reason };
  });
}

function send(reply: FastifyReply, status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return reply.status(status).type('application/json').send({ error: { code, message, details } });
}

export default fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      const status = STATUS_BY_TYPE.find(([type]) => error instanceof type)?.[1] ?? 400;
      if (status >= 500) request.log.warn({ code: error.code }, error.message);
      return send(reply, status, error.code, error.message, error.details);
    }
    if (error.validation) {
      const problems = describeValidation(error);
      const first = problems[0] ?? { field: 'body', reason: 'is invalid' };
      return send(reply, 422, 'validation_failed', `${first.field}: ${first.reason}`, { fields: problems });
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
