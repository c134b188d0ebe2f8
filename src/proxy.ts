import { NextResponse, type NextRequest } from "next/server";
import { webEnv } from "@/lib/env/web";
import { errorBody } from "@/server/http/errors";
import { isMalformedPath } from "@/server/http/path";
import { contentSecurityPolicy } from "@/server/http/security-headers";

/**
 * Refuses paths that cannot be percent-decoded (Next would answer them with a bare 500), and
 * gives every page a Content Security Policy with a fresh nonce. Next reads the nonce from the
 * request's CSP header and puts it on its own scripts, which is why the header goes both ways.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const malformed = isMalformedPath(pathname);
  if (pathname.startsWith("/api/")) {
    if (!malformed) return NextResponse.next();
    return NextResponse.json(errorBody("invalid_path", "The request path is not valid percent-encoding."), {
      status: 400,
    });
  }
  const env = webEnv();
  const csp = contentSecurityPolicy({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    mediaUrl: env.LIVEKIT_URL,
    captionsUrls: env.transcriptionWsUrls,
    appUrl: env.NEXTAUTH_URL,
    dev: env.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  // No page can have such an address: render the app's own not-found page (404) for it.
  const response = malformed
    ? NextResponse.rewrite(new URL("/_malformed-path", request.url), { request: { headers } })
    : NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages: API responses are JSON, static files are not documents.
      source: "/((?!api/|_next/static/|_next/image|favicon.ico|worklets/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    // API paths only for the percent-encoding check.
    "/api/:path*",
  ],
};
