import { describe, expect, it, vi } from "vitest";

vi.mock("@/server/logger", () => ({ log: () => ({ error: vi.fn() }) }));

const { errorResponse } = await import("./errors");
const errors = await import("@/modules/core/shared/domain/errors");

describe("HTTP error mapper", () => {
  it.each([
    [new errors.BadRequestError("invalid_json", "bad"), 400],
    [new errors.UnauthenticatedError(), 401],
    [new errors.ForbiddenError("forbidden", "no"), 403],
    [new errors.NotFoundError("space_not_found", "gone"), 404],
    [new errors.ConflictError("last_owner", "one"), 409],
    [new errors.PayloadTooLargeError("payload_too_large", "big"), 413],
    [new errors.UnprocessableError("validation_failed", "bad"), 422],
    [new errors.RateLimitedError(7), 429],
  ])("maps %s to %i with the error envelope", async (err, status) => {
    const res = errorResponse(err);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(err.code);
    expect(body.error.message).toBe(err.userMessage);
  });

  it("shows the user message, never the internal one", async () => {
    const err = new errors.NotFoundError("not_found", "Not here.", {
      internal: "row 42 of tenant 7 missing",
    });
    expect(err.message).toBe("row 42 of tenant 7 missing");
    expect(JSON.stringify(await errorResponse(err).json())).not.toContain("tenant");
  });

  it("hides unexpected errors behind a 500", async () => {
    const res = errorResponse(new Error("connection string postgres://secret"));
    expect(res.status).toBe(500);
    const text = JSON.stringify(await res.json());
    expect(text).toContain("internal");
    expect(text).not.toContain("secret");
  });

  it("sets Retry-After on 429", () => {
    expect(errorResponse(new errors.RateLimitedError(12)).headers.get("retry-after")).toBe("12");
  });
});
