import type { NextRequest } from "next/server";
import type { z } from "zod";
import { NotFoundError, UnauthenticatedError } from "@/modules/core/shared/domain/errors";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import type { RateLimitKind } from "@/lib/rate-limit";
import { clientAddress, rateLimit } from "@/server/rate-limit";
import { deps as webDeps, type WebDeps } from "@/server/deps";
import { errorResponse } from "./errors";
import { checkOrigin } from "./origin";
import { findSessionUser } from "@/modules/core/identity/infra/user-repository";
import { sessionUserIdFromRequest } from "./session";

type Segment = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * `load` (default): the user row, read per request. `id`: only the verified id from the cookie.
 * `none`: a machine caller (load balancer, media server): no cookie is read and no per-client
 * limit applies; such an endpoint has its own gate (a signature) or none (health).
 */
type UserMode = "load" | "id" | "none";

type Options<P extends z.ZodType | undefined, A extends boolean, U extends UserMode> = {
  /** Which of the spec's limits applies; `default` when omitted. */
  rateLimit?: RateLimitKind;
  /** Reject anonymous callers with 401 (default true). */
  auth?: A;
  /** Path parameters; anything that does not parse is a 404, since no such resource can exist. */
  params?: P;
  /**
   * `id` skips the user lookup for a handler whose own query checks that the user still exists
   * (a hot path such as the token route); `user` is then null and `userId` is the claim.
   */
  user?: U;
};

export type RouteContext<P, A extends boolean, U extends UserMode = "load"> = {
  req: NextRequest;
  user: U extends "load" ? (A extends false ? SessionUser | null : SessionUser) : null;
  /** The signed-in user's id from the verified cookie (with `load`: of a user who still exists). */
  userId: U extends "none" ? null : U extends "id" ? string | null : A extends false ? string | null : string;
  params: P extends z.ZodType ? z.output<P> : undefined;
  /** The process's adapters, built once by the composition root (src/server/deps.ts). */
  deps: WebDeps;
};

/**
 * Every API handler goes through here: refuse cross-site writes, identify the caller, apply the
 * rate limit, check auth, parse path params, run the handler with the composition root's deps, and
 * map any error to `{error:{code,message}}`. The one exception is NextAuth's own handler
 * (identity/api/auth-endpoint.ts), which keeps its own CSRF check and error pages.
 */
export function route<
  P extends z.ZodType | undefined = undefined,
  A extends boolean = true,
  U extends UserMode = "load",
>(opts: Options<P, A, U>, handler: (ctx: RouteContext<P, A, U>) => Promise<Response>) {
  return async (req: NextRequest, segment: Segment): Promise<Response> => {
    try {
      const deps = webDeps();
      checkOrigin(req, new URL(deps.env.NEXTAUTH_URL).origin);
      const machine = opts.user === "none";
      const userId = machine ? null : await sessionUserIdFromRequest(req);
      if (!machine) {
        await rateLimit(opts.rateLimit ?? "default", userId ? `user:${userId}` : `ip:${clientAddress(req)}`);
      }
      // From the database, not the token: a deleted user is signed out, a renamed one has the new name.
      const loadUser = opts.user === undefined || opts.user === "load";
      const user = userId && loadUser ? await findSessionUser(deps.db, userId) : null;
      if (opts.auth !== false && !(loadUser ? user : userId)) throw new UnauthenticatedError();
      let params: unknown;
      if (opts.params) {
        const parsed = opts.params.safeParse(await segment.params);
        if (!parsed.success) throw new NotFoundError("not_found", "Not found.");
        params = parsed.data;
      }
      const verifiedId = loadUser ? (user?.id ?? null) : userId;
      return await handler({ req, user, userId: verifiedId, params, deps } as RouteContext<P, A, U>);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
