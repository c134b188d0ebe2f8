import { z } from "zod";
import type { Endpoint, Reply } from "../../src/lib/http-contract";

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

/** `expectReply` for a `fetch` Response (e2e tests against the running server). */
export async function readReply<E extends Endpoint>(res: Response, endpoint: E): Promise<Reply<E>> {
  const text = await res.text();
  return expectReply({ status: res.status, json: text ? JSON.parse(text) : undefined, text }, endpoint);
}
