import { NextResponse } from "next/server";
import { AppError, RateLimitedError } from "@/modules/core/shared/domain/errors";
import { log } from "@/server/logger";
import { databaseUnavailable } from "@/lib/db/unavailable";
import { reportError } from "@/lib/monitoring/server";

const STATUS: Record<AppError["kind"], number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** The HTTP mapper of the error hierarchy: the only place that turns errors into statuses. */
export function errorResponse(err: unknown): NextResponse {
  // A database that is down or silent is a 503 the client may retry, not a 500 bug.
  err = databaseUnavailable(err) ?? err;
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err instanceof RateLimitedError) headers["Retry-After"] = String(err.retryAfterSeconds);
    return NextResponse.json(errorBody(err.code, err.userMessage, err.details), {
      status: STATUS[err.kind],
      headers,
    });
  }
  log().error({ err }, "unhandled error in route");
  reportError(err);
  return NextResponse.json(errorBody("internal", "Something went wrong on our side."), { status: 500 });
}
