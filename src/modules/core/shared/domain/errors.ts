import type { ErrorCode } from "./error-codes";

/**
 * The one error hierarchy. `userMessage` is safe to show to anyone; `message` (internal) may carry
 * ids and causes for logs. Transports map the class to a status or close code; nothing else does.
 */
export abstract class AppError extends Error {
  abstract readonly kind:
    | "bad_request"
    | "unauthenticated"
    | "forbidden"
    | "not_found"
    | "conflict"
    | "payload_too_large"
    | "unprocessable"
    | "rate_limited"
    | "unavailable";

  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    opts: { internal?: string; cause?: unknown; details?: unknown } = {},
  ) {
    super(opts.internal ?? userMessage, { cause: opts.cause });
    this.name = new.target.name;
    this.details = opts.details;
  }

  readonly details: unknown;
}

export class BadRequestError extends AppError {
  readonly kind = "bad_request";
}
export class UnauthenticatedError extends AppError {
  readonly kind = "unauthenticated";
  constructor(userMessage = "Sign in to continue.", opts: { cause?: unknown } = {}) {
    super("unauthenticated", userMessage, opts);
  }
}
export class ForbiddenError extends AppError {
  readonly kind = "forbidden";
}
export class NotFoundError extends AppError {
  readonly kind = "not_found";
}
export class ConflictError extends AppError {
  readonly kind = "conflict";
}
export class PayloadTooLargeError extends AppError {
  readonly kind = "payload_too_large";
}
export class UnprocessableError extends AppError {
  readonly kind = "unprocessable";
}
export class RateLimitedError extends AppError {
  readonly kind = "rate_limited";
  constructor(
    readonly retryAfterSeconds: number,
    message = "Too many requests. Try again shortly.",
  ) {
    super("rate_limited", message);
  }
}
/** A dependency the request needs (media server, provider) is not configured or not reachable. */
export class ServiceUnavailableError extends AppError {
  readonly kind = "unavailable";
}
