/** Exit codes of the `backlot` command, its API client and its server commands alike (SPEC §9). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  unauthenticated: 3,
  forbidden: 4,
  notFound: 5,
  conflict: 6,
  /** Ctrl-C, as shells report a process ended by SIGINT. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface FieldError {
  path: string;
  message: string;
}

/** A failure the CLI explains in one line and ends with this exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export function usage(message: string): CliError {
  return new CliError(EXIT.usage, message);
}

/** The server answered with an error status; `detail` and `errors` come from its problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly errors: FieldError[];
  readonly body: unknown;
  constructor(status: number, detail: string, code: string | undefined, errors: FieldError[], body: unknown) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.body = body;
  }

  get exitCode(): ExitCode {
    // The token endpoint answers a wrong password or a spent refresh token 400 invalid_grant (RFC 6749 §5.2).
    if (this.code === 'invalid_grant') return EXIT.unauthenticated;
    return exitCodeForStatus(this.status);
  }
}

/** 401 → 3, 403 → 4, 404 → 5, 409/412/422 → 6, anything else (400, 429, 5xx) → 1. */
export function exitCodeForStatus(status: number): ExitCode {
  switch (status) {
    case 401:
      return EXIT.unauthenticated;
    case 403:
      return EXIT.forbidden;
    case 404:
      return EXIT.notFound;
    case 409:
    case 412:
    case 422:
      return EXIT.conflict;
    default:
      return status >= 200 && status < 300 ? EXIT.ok : EXIT.failure;
  }
}
