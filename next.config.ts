import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // pg and the PGlite WASM bundle must stay real Node modules, not be bundled.
  serverExternalPackages: ["pg", "pino", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  images: { unoptimized: true },
};

export default nextConfig;
