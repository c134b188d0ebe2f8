import type { NextRequest } from "next/server";
import type { z } from "zod";
import { NotFoundError, UnauthenticatedError } from "@/modules/core/shared/domain/errors";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import type { RateLimitKind } from "@/lib/rate-limit";
import { clientAddress, rateLimit } from "@/lib/web-rate-limit";
import { errorResponse } from "./errors";
import { getDb } from "@/lib/db/client";
import { findSessionUser } from "@/modules/core/identity/infra/user-repository";
import { sessionUserIdFromRequest } from "./session";

type Segment = { params: Promise<Record<string, string | string[] | undefined>> };

type Options<P extends z.ZodType | undefined, A extends boolean> = {
  /** Which of the spec's limits applies; `default` when omitted. */
  rateLimit?: RateLimitKind;
  /** Reject anonymous callers with 401 (default true). */
  auth?: A;
  /** Path parameters; anything that does not parse is a 404, since no such resource can exist. */
  params?: P;
};

export type RouteContext<P, A extends boolean> = {
  req: NextRequest;
  user: A extends false ? SessionUser | null : SessionUser;
  params: P extends z.ZodType ? z.output<P> : undefined;
};

/**
 * Every API handler goes through here: identify the caller, apply the rate limit, check auth,
 * parse path params, run the handler, and map any error to `{error:{code,message}}`.
 */
export function route<P extends z.ZodType | undefined = undefined, A extends boolean = true>(
  opts: Options<P, A>,
  handler: (ctx: RouteContext<P, A>) => Promise<Response>,
) {
  return async (req: NextRequest, segment: Segment): Promise<Response> => {
    try {
      const userId = await sessionUserIdFromRequest(req);
      await rateLimit(opts.rateLimit ?? "default", userId ? `user:${userId}` : `ip:${clientAddress(req)}`);
      // From the database, not the token: a deleted user is signed out, a renamed one has the new name.
      const user = userId ? await findSessionUser(getDb(), userId) : null;
      if (opts.auth !== false && !user) throw new UnauthenticatedError();
      let params: unknown;
      if (opts.params) {
        const parsed = opts.params.safeParse(await segment.params);
        if (!parsed.success) throw new NotFoundError("not_found", "Not found.");
        params = parsed.data;
      }
      return await handler({ req, user, params } as RouteContext<P, A>);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
