import type { TestProject } from "vitest/node";
import { startAuxServices, type AuxServices } from "./e2e-services";
import { startAppServer } from "./next-server";

/**
 * The e2e project's world: a real OpenID Provider and livekit-server (e2e-services.ts), and a
 * production `next start` over a fresh migrated database on the real PostgreSQL.
 */
export default async function setup(project: TestProject) {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run `eval "$(bash scripts/services.sh start)"` first (or `npm test`)',
    );
  }
  let provided: AuxServices["provided"] | undefined;
  const server = await startAppServer({
    admin,
    dbPrefix: "rooms_e2e",
    // The test runner is the proxy in front: each simulated client's X-Forwarded-For is believed
    // because it comes from 127.0.0.1 (client-address.test.ts checks the server without this).
    // ADMIN_EMAILS: the administrator admin-usage.test.ts signs in as.
    env: { TRUSTED_PROXIES: "127.0.0.1", ADMIN_EMAILS: "e2e-admin@example.test" },
    services: async (baseUrl) => {
      const aux = await startAuxServices(baseUrl);
      provided = aux.provided;
      return aux;
    },
  });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
  project.provide("serverLog", server.logFile);
  project.provide("oidcIssuer", provided!.oidcIssuer);
  project.provide("livekitUrl", provided!.livekitUrl);
  project.provide("redisUrl", provided!.redisUrl);
  project.provide("transcription", server.transcription);
  return server.stop;
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    /** The server's stdout+stderr, so tests can check a page left no error behind. */
    serverLog: string;
    oidcIssuer: AuxServices["provided"]["oidcIssuer"];
    livekitUrl: AuxServices["provided"]["livekitUrl"];
    redisUrl: AuxServices["provided"]["redisUrl"];
    /** The ws transcription server the web process points browsers at. */
    /** `provider`: its STT_PROVIDER (the web process is told the same). */
    transcription: { url: string; secret: string; logFile: string; provider: string; localModels: string[] };
  }
}
