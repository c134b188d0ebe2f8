import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { errorBody } from "./contract";
import { getDb } from "@/server/db";
import { PEER_HEADER } from "@/server/http/client-address";
import { signInDev } from "@/modules/core/identity/application/sign-in-dev";

type Handler = (req: NextRequest, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type TestUser = { id: string; name: string; email: string; emailVerified: boolean; cookie: string };

export function uniqueEmail(tag = "user") {
  return `${tag}-${randomBytes(5).toString("hex")}@example.test`;
}

/**
 * A real user row plus the same session cookie NextAuth would set after signing in. The dev
 * sign-in counts as verifying the address (see signInDev).
 */
export async function makeUser(name = "Test User", email = uniqueEmail()): Promise<TestUser> {
  const user = await signInDev(getDb(), { name, email });
  const token = await encode({
    token: { uid: user.id, name: user.name, email: user.email, sub: user.id },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    emailVerified: true,
    cookie: `next-auth.session-token=${token}`,
  };
}

export type CallOptions = {
  method?: string;
  user?: TestUser;
  cookie?: string;
  params?: Record<string, string>;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Query string for handlers that read one, e.g. `{ format: "vtt" }`. */
  query?: Record<string, string>;
};

/** `json` is unknown on purpose: read it through `expectReply` (contract) or `errorBody` (error envelope). */
export type CallResult = { status: number; headers: Headers; json: unknown; text: string };

/** Invokes a route handler in-process with a real NextRequest, as Next's router would. */
export async function call(handler: Handler, opts: CallOptions = {}): Promise<CallResult> {
  const headers = new Headers(opts.headers);
  // A distinct socket address per call keeps anonymous rate-limit buckets apart between tests; in
  // a server the peer-address hook stamps this header (integration-env.ts installs it here).
  if (!headers.has(PEER_HEADER)) headers.set(PEER_HEADER, `10.9.${randomUUID().slice(0, 8)}`);
  const cookie = opts.cookie ?? opts.user?.cookie;
  if (cookie) headers.set("cookie", cookie);
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const url = new URL("http://localhost:3000/api/test");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const req = new NextRequest(url, {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export { errorBody };

/** Asserts the documented error envelope and returns its code. */
export function errorCode(res: Pick<CallResult, "status" | "json" | "text">): string {
  return errorBody(res).code;
}
