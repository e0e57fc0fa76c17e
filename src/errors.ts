/** Typed failures of the domain; `http/problem.ts` maps each to one status and problem+json body. */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly errors?: FieldError[];
  constructor(message: string, errors?: FieldError[]) {
    super(message);
    this.name = new.target.name;
    if (errors) this.errors = errors;
  }
}

/** A failure whose machine-readable `code` the thrower may make more precise (`invalid_grant`, `already_signed`). */
abstract class CodedError extends AppError {
  readonly code: string;
  constructor(message: string, code: string, errors?: FieldError[]) {
    super(message, errors);
    this.code = code;
  }
}

/** 400: the request is malformed or a value is invalid. */
export class BadRequest extends AppError {
  readonly status = 400;
  readonly code = 'bad_request';
}
/** 401: no, bad or expired credentials. */
export class Unauthorized extends CodedError {
  readonly status = 401;
  constructor(message: string, code = 'unauthorized', errors?: FieldError[]) {
    super(message, code, errors);
  }
}
/** 403: authenticated but not permitted. */
export class Forbidden extends CodedError {
  readonly status = 403;
  constructor(message: string, code = 'forbidden', errors?: FieldError[]) {
    super(message, code, errors);
  }
}
/** 404: no such item (or one the caller may not know about). */
export class NotFound extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
}
/** 409: duplicate unique value, wrong state for this action, not enough stock. */
export class Conflict extends CodedError {
  readonly status = 409;
  constructor(message: string, code = 'conflict', errors?: FieldError[]) {
    super(message, code, errors);
  }
}
/** 412: If-Match does not match the item's version. */
export class PreconditionFailed extends AppError {
  readonly status = 412;
  readonly code = 'precondition_failed';
}
/** 422: a business rule refuses the request. */
export class RuleViolation extends CodedError {
  readonly status = 422;
  constructor(message: string, code = 'rule_violation', errors?: FieldError[]) {
    super(message, code, errors);
  }
}
/** 429: too many requests. */
export class TooManyRequests extends AppError {
  readonly status = 429;
  readonly code = 'too_many_requests';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
/** 503: the database (or another dependency) is unavailable, and nothing was changed: the request may be repeated. */
export class Unavailable extends AppError {
  readonly status = 503;
  readonly code = 'unavailable';
  readonly retryAfterSeconds = 1;
}
/**
 * 500: the database connection broke while a change was being committed, so whether it was made is not known.
 * Never a 503, which promises that nothing was changed.
 */
export class OutcomeUnknown extends AppError {
  readonly status = 500;
  readonly code = 'outcome_unknown';
}
