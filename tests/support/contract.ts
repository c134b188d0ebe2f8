import { z } from "zod";
import type { Endpoint, Reply } from "@/lib/http-contract";
import { ERROR_CODES } from "@/modules/core/shared/domain/error-codes";

type Answer = { status: number; json: unknown; text: string };

/**
 * The reply of `endpoint`, parsed with its contract: the success status and the response schema,
 * else a failure naming what drifted. Tests read replies only through this (no `any`), so a
 * handler that answers something its contract does not say fails a test.
 */
export function expectReply<E extends Endpoint>(res: Answer, endpoint: E): Reply<E> {
  const where = `${endpoint.method} ${endpoint.path}`;
  const status = endpoint.status ?? 200;
  if (res.status !== status) throw new Error(`${where}: expected ${status}, got ${res.status} ${res.text}`);
  const parsed = endpoint.response.safeParse(res.status === 204 ? null : res.json);
  if (!parsed.success) {
    throw new Error(
      `${where}: reply does not match its contract\n${z.prettifyError(parsed.error)}\n${res.text}`,
    );
  }
  return parsed.data as Reply<E>;
}

const errorEnvelope = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string().min(1),
    details: z.unknown().optional(),
  }),
});

/** Asserts the documented error envelope (a known code, a message) and returns its error. */
export function errorBody(res: Answer) {
  const parsed = errorEnvelope.safeParse(res.json);
  if (!parsed.success) throw new Error(`expected {error:{code,message}}, got ${res.status} ${res.text}`);
  return parsed.data.error;
}

/** A `fetch` Response or Playwright's APIResponse (whose status is a method). */
type HttpAnswer = Response | { status(): number; text(): Promise<string> };

async function answerOf(res: HttpAnswer): Promise<Answer> {
  const text = await res.text();
  const status = typeof res.status === "function" ? res.status() : res.status;
  return { status, json: text ? JSON.parse(text) : undefined, text };
}

/** `expectReply` for an answer of the running server (e2e tests). */
export async function readReply<E extends Endpoint>(res: HttpAnswer, endpoint: E): Promise<Reply<E>> {
  return expectReply(await answerOf(res), endpoint);
}

/** `errorBody` for an answer of the running server. */
export async function readError(res: HttpAnswer) {
  return errorBody(await answerOf(res));
}
