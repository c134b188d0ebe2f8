import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

export type MetricsEndpoint = { port: number; url: string; close(): void };

/**
 * Prometheus' `/metrics` on its own listener (loopback by default), never on the port browsers
 * reach: connection counts, close reasons and error kinds describe every call on the instance
 * (issue 14). Only the scraper, on the host or a private network, needs it.
 */
export async function startMetricsEndpoint(opts: {
  host: string;
  port: number;
  contentType: string;
  render(): Promise<string>;
  log: Logger;
}): Promise<MetricsEndpoint> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "Not found." } }));
      return;
    }
    opts.render().then(
      (body) => {
        res.writeHead(200, { "content-type": opts.contentType });
        res.end(body);
      },
      (err: unknown) => {
        opts.log.error({ err }, "metrics failed");
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  opts.log.info({ host: opts.host, port }, "metrics listening");
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `http://${host}:${port}/metrics`,
    close() {
      server.close();
      server.closeAllConnections();
    },
  };
}
