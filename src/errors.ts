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

/** 400: the request is malformed or a value is invalid. */
export class BadRequest extends AppError {
  readonly status = 400;
  readonly code = 'bad_request';
}
/** 401: no, bad or expired credentials. */
export class Unauthorized extends AppError {
  readonly status = 401;
  readonly code: string;
  constructor(message: string, errors?: FieldError[], code = 'unauthorized') {
    super(message, errors);
    this.code = code;
  }
}
/** 403: authenticated but not permitted. */
export class Forbidden extends AppError {
  readonly status = 403;
  readonly code: string;
  constructor(message: string, errors?: FieldError[], code = 'forbidden') {
    super(message, errors);
    this.code = code;
  }
}
/** 404: no such item (or one the caller may not know about). */
export class NotFound extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
}
/** 409: duplicate unique value, wrong state for this action, not enough stock. */
export class Conflict extends AppError {
  readonly status = 409;
  readonly code: string;
  constructor(message: string, code = 'conflict', errors?: FieldError[]) {
    super(message, errors);
    this.code = code;
  }
}
/** 412: If-Match does not match the item's version. */
export class PreconditionFailed extends AppError {
  readonly status = 412;
  readonly code = 'precondition_failed';
}
/** 422: a business rule refuses the request. */
export class RuleViolation extends AppError {
  readonly status = 422;
  readonly code: string;
  constructor(message: string, code = 'rule_violation', errors?: FieldError[]) {
    super(message, errors);
    this.code = code;
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
/** 503: the database (or another dependency) is unavailable. */
export class Unavailable extends AppError {
  readonly status = 503;
  readonly code = 'unavailable';
}
