import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./src/server/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // pg must stay a real Node module, not be bundled; ioredis and the rate limiter too: one
  // module instance shared by instrumentation and routes.
  serverExternalPackages: ["pg", "pino", "ioredis", "rate-limiter-flexible"],
  images: { unoptimized: true },
  // Every response, API and static files included; the pages' CSP comes from src/proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
