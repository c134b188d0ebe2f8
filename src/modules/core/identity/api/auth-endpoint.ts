import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { BadRequestError } from "@/modules/core/shared/domain/errors";
import { JSON_BODY_LIMIT, readBodyBytes } from "@/server/http/body";
import { errorResponse } from "@/server/http/errors";
import { clientAddress, rateLimit } from "@/server/rate-limit";
import { authOptions } from "@/server/auth";

type Segment = { params: Promise<{ nextauth: string[] }> };

/**
 * NextAuth's own handler behind the spec's auth rate limit (30/min per client address). A POST
 * body is read here first, capped like every other body (413), and a JSON body that does not
 * parse is a 400: NextAuth reads bodies without a cap and answers a bare 500 when
 * `application/json` is not JSON (found by `npm run fuzz:api -- --http`).
 *
 * The one API handler outside route(): an identity provider's callback may arrive as a cross-site
 * POST (OIDC `form_post`), which route()'s origin check would refuse, and NextAuth guards its own
 * forms with its CSRF token; its answers are redirects and cookies, not the JSON envelope; and
 * sign-in attempts are limited per address even for a caller who already has a session.
 */
export async function authEndpoint(req: NextRequest, segment: Segment): Promise<Response> {
  try {
    await rateLimit("auth", `ip:${clientAddress(req)}`);
    const handler = NextAuth(authOptions());
    if (req.method !== "POST") return handler(req, segment);
    let body: string;
    try {
      body = new TextDecoder("utf-8", { fatal: true }).decode(await readBodyBytes(req, JSON_BODY_LIMIT));
      if ((req.headers.get("content-type") ?? "").toLowerCase().includes("json")) JSON.parse(body);
    } catch (err) {
      if (!(err instanceof SyntaxError || err instanceof TypeError)) throw err;
      throw new BadRequestError("invalid_json", "The request body is not valid JSON.");
    }
    // The body stream is spent: NextAuth gets the same request with the text it carried.
    return handler(new NextRequest(req.url, { method: "POST", headers: req.headers, body }), segment);
  } catch (err) {
    return errorResponse(err);
  }
}
