/**
 * Typed domain errors. Each says what went wrong in words a caller can act on;
 * the HTTP edge maps them to a status by type, in one place.
 */
export type ErrorDetails = Record<string, unknown>;

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A thing that was asked for does not exist (404). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The request is well-formed but breaks a rule of the domain, naming the field (422). */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(
    readonly field: string,
    reason: string,
    details: ErrorDetails = {},
  ) {
    super(`${field}: ${reason}`, { field, reason, ...details });
  }
}

/** The request clashes with the current state: not ready, already done, counts missing (409). */
export class ConflictError extends DomainError {
  readonly code: string = 'conflict';
  constructor(message: string, details: ErrorDetails = {}, code?: string) {
    super(message, details);
    if (code) this.code = code;
  }
}

/**
 * The tournament's status does not allow what was asked (409): one code, `invalid_status`,
 * whether the ask was an action (delete, edit, enroll) or a status change, with
 * `current_status` in the details.
 */
export class InvalidStatusError extends ConflictError {
  override readonly code = 'invalid_status';
}

/** A status change the lifecycle does not allow (409 invalid_status), naming both statuses. */
export class InvalidTransitionError extends InvalidStatusError {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`cannot move a tournament from ${from} to ${to}`, { current_status: from, requested_status: to });
  }
}
