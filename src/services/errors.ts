/**
 * Errors of the application rather than of the rules: who is asking (401, 403) and whether a
 * dependency is there (503), and too many at once (429). They share the domain's error shape (code, message, details) so
 * the HTTP edge maps every error by type in one place; the domain itself never throws them.
 */
import { DomainError, type ErrorDetails } from '../domain/errors.ts';

/** Missing or bad credentials (401). */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

/** Authenticated, but the role does not allow it (403). */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** A dependency the request needs (the job queue) cannot be reached now; retry later (503). */
export class UnavailableError extends DomainError {
  readonly code: string = 'unavailable';
  constructor(message: string, code?: string, details: ErrorDetails = {}) {
    super(message, details);
    if (code) this.code = code;
  }
}

/** Too many of something for now (429): the caller may try again after `retryAfterSeconds`, when known. */
export class TooManyError extends DomainError {
  readonly code: string;
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    details: ErrorDetails = {},
  ) {
    super(message, retryAfterSeconds === undefined ? details : { ...details, retry_after_seconds: retryAfterSeconds });
    this.code = code;
  }
}
