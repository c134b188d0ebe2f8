import type { z } from "zod";
import {
  type AppError,
  BadRequestError,
  PayloadTooLargeError,
  UnprocessableError,
} from "@/modules/core/shared/domain/errors";

export const JSON_BODY_LIMIT = 16 * 1024;

/**
 * Reads at most `limit` bytes; a bigger body is refused without buffering the rest, with
 * `tooLargeError` when the endpoint can say more precisely what was too large.
 */
export async function readBodyBytes(
  req: Request,
  limit: number,
  tooLargeError: () => AppError = () => tooLarge(limit),
): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLargeError();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(limit: number) {
  return new PayloadTooLargeError("payload_too_large", `The request body is larger than ${limit} bytes.`);
}

export function validationError(error: z.ZodError, where: string) {
  return new UnprocessableError("validation_failed", `Invalid ${where}: ${summarize(error)}`, {
    details: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

export async function parseJsonBody<T extends z.ZodType>(req: Request, schema: T, limit = JSON_BODY_LIMIT) {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new BadRequestError("unsupported_content_type", "Send the body as application/json.");
  }
  const bytes = await readBodyBytes(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new BadRequestError("invalid_json", "The request body is not valid JSON.");
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, "body");
  return result.data as z.output<T>;
}

/** A query string always parses, so what fails is the schema: a 422 naming each bad field, as for bodies. */
export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.output<T> {
  const result = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!result.success) throw validationError(result.error, "query");
  return result.data;
}
