import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Where scripts/install-livekit.sh caches the binary built from the Go module. */
export const LIVEKIT_BIN = path.resolve(process.cwd(), ".data/bin/livekit-server");

export type LiveKitDevServer = {
  /** ws:// URL for browsers and the server SDK. */
  url: string;
  apiKey: string;
  apiSecret: string;
  logFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
};

export type LiveKitDevOptions = {
  bin?: string;
  port?: number;
  /** TCP fallback and the single UDP port for WebRTC media. */
  rtcTcpPort?: number;
  rtcUdpPort?: number;
  apiKey?: string;
  apiSecret?: string;
  webhookUrls?: string[];
  logDir?: string;
  logLevel?: "debug" | "info" | "warn" | "error";
};

/** Writes the config and returns the command line; the supervisor and tests both spawn from it. */
export function liveKitCommand(opts: LiveKitDevOptions = {}) {
  const bin = opts.bin ?? LIVEKIT_BIN;
  const port = opts.port ?? 7880;
  const apiKey = opts.apiKey ?? "devkey";
  const apiSecret = opts.apiSecret ?? "secret";
  const dir = opts.logDir ?? mkdtempSync(path.join(os.tmpdir(), "rooms-livekit-"));
  const configFile = path.join(dir, "livekit.yaml");
  const webhook = opts.webhookUrls?.length
    ? `webhook:\n  api_key: ${apiKey}\n  urls:\n${opts.webhookUrls.map((u) => `    - ${u}`).join("\n")}\n`
    : "";
  writeFileSync(
    configFile,
    `port: ${port}\n` +
      `rtc:\n  tcp_port: ${opts.rtcTcpPort ?? port + 1}\n  udp_port: ${opts.rtcUdpPort ?? port + 2}\n  use_external_ip: false\n` +
      `keys:\n  ${apiKey}: ${apiSecret}\n` +
      // The app creates each room when its session goes live; a client holding a token for an
      // ended session must not bring the room back by connecting.
      `room:\n  auto_create: false\n` +
      webhook +
      `logging:\n  level: ${opts.logLevel ?? "info"}\n`,
    { mode: 0o600 },
  );
  return {
    bin,
    // Loopback only, advertising 127.0.0.1 as the ICE address: a local server for local browsers.
    args: ["--config", configFile, "--bind", "127.0.0.1", "--node-ip", "127.0.0.1"],
    url: `ws://127.0.0.1:${port}`,
    healthUrl: `http://127.0.0.1:${port}/`,
    apiKey,
    apiSecret,
    dir,
  };
}

/**
 * Runs a real livekit-server on loopback with webhooks pointed at the app. The defaults are
 * `livekit-server --dev`'s: devkey / secret on 7880.
 */
export async function startLiveKitDevServer(opts: LiveKitDevOptions = {}): Promise<LiveKitDevServer> {
  const cmd = liveKitCommand(opts);
  if (!existsSync(cmd.bin))
    throw new Error(`livekit-server not found at ${cmd.bin}: run scripts/install-livekit.sh`);
  const { bin, dir, apiKey, apiSecret, url, healthUrl } = cmd;
  const logFile = path.join(dir, "livekit.log");
  const out = openSync(logFile, "a");
  const child = spawn(bin, cmd.args, { stdio: ["ignore", out, out] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`livekit-server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(healthUrl);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`livekit-server did not answer at ${healthUrl} within 20 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    apiKey,
    apiSecret,
    logFile,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
