import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // pg and the PGlite WASM bundle must stay real Node modules, not be bundled.
  // ioredis and the rate limiter too: one module instance shared by instrumentation and routes.
  serverExternalPackages: [
    "pg",
    "pino",
    "ioredis",
    "rate-limiter-flexible",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
  ],
  images: { unoptimized: true },
};

export default nextConfig;
