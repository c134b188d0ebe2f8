import { NextResponse, type NextRequest } from "next/server";
import { webEnv } from "@/lib/env/web";
import { contentSecurityPolicy } from "@/server/http/security-headers";

/**
 * Gives every page a Content Security Policy with a fresh nonce. Next reads the nonce from the
 * request's CSP header and puts it on its own scripts, which is why the header goes both ways.
 */
export function proxy(request: NextRequest) {
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
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API responses are JSON, static files are not documents.
      source: "/((?!api/|_next/static/|_next/image|favicon.ico|worklets/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
