import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./security-headers";

const directive = (csp: string, name: string) =>
  csp
    .split("; ")
    .find((d) => d.startsWith(`${name} `))
    ?.split(" ")
    .slice(1);

describe("content security policy", () => {
  const prod = contentSecurityPolicy({
    nonce: "abc123",
    mediaUrl: "wss://media.example.com",
    captionsUrls: ["wss://captions.example.com:8443/ws"],
    appUrl: "https://rooms.example.com",
    dev: false,
  });

  it("lets pages reach the configured media and captions servers and nothing else", () => {
    expect(directive(prod, "connect-src")).toEqual([
      "'self'",
      "wss://media.example.com",
      "https://media.example.com",
      "wss://captions.example.com:8443",
      "https://captions.example.com:8443",
    ]);
  });

  it("runs only nonce'd scripts, never eval in production, and cannot be framed", () => {
    expect(directive(prod, "script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(directive(prod, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(prod, "worker-src")).toEqual(["'self'", "blob:"]);
    expect(prod).toContain("upgrade-insecure-requests");
  });

  it("allows LiveKit Cloud's region hosts for failover", () => {
    const cloud = contentSecurityPolicy({
      nonce: "n",
      mediaUrl: "wss://myproject-abc123.livekit.cloud",
      appUrl: "https://rooms.example.com",
      dev: false,
    });
    expect(directive(cloud, "connect-src")).toEqual([
      "'self'",
      "wss://myproject-abc123.livekit.cloud",
      "https://myproject-abc123.livekit.cloud",
      "wss://*.livekit.cloud",
      "https://*.livekit.cloud",
    ]);
  });

  it("allows eval for next dev, and plain ws:// locally", () => {
    const dev = contentSecurityPolicy({
      nonce: "n",
      mediaUrl: "ws://127.0.0.1:7880",
      captionsUrls: ["ws://localhost:3001"],
      appUrl: "http://localhost:3000",
      dev: true,
    });
    expect(directive(dev, "script-src")).toContain("'unsafe-eval'");
    expect(directive(dev, "connect-src")).toContain("ws://127.0.0.1:7880");
    expect(dev).not.toContain("upgrade-insecure-requests");
  });

  it("allows every captions instance when there are several", () => {
    const csp = contentSecurityPolicy({
      nonce: "n",
      captionsUrls: ["wss://ws1.example.com", "wss://ws2.example.com:8443/ws"],
      appUrl: "https://rooms.example.com",
      dev: false,
    });
    expect(directive(csp, "connect-src")).toEqual([
      "'self'",
      "wss://ws1.example.com",
      "https://ws1.example.com",
      "wss://ws2.example.com:8443",
      "https://ws2.example.com:8443",
    ]);
  });
});
