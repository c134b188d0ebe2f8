import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // pg must stay a real Node module, not be bundled; ioredis and the rate limiter too: one
  // module instance shared by instrumentation and routes.
  serverExternalPackages: ["pg", "pino", "ioredis", "rate-limiter-flexible"],
  images: { unoptimized: true },
};

export default nextConfig;
