/**
 * Response headers that keep the app from being framed, sniffed or leaking URLs, and the Content
 * Security Policy of its pages. The CSP depends on runtime config (media server, captions server)
 * and a per-request nonce, so src/proxy.ts builds it; the rest are fixed and set in next.config.ts.
 */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Calls need camera, microphone and screen sharing from our own pages, never from embedders.
  {
    key: "Permissions-Policy",
    value: "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()",
  },
];

export type CspInput = {
  nonce: string;
  /** Where browsers reach LiveKit (ws:// or wss://), if configured. */
  mediaUrl?: string;
  /** Where browsers reach the captions server instances (ws:// or wss://); every one is allowed. */
  captionsUrls?: readonly string[];
  /** The app's public URL; https turns on upgrade-insecure-requests. */
  appUrl: string;
  /** next dev evaluates code (React's server error stacks); production never does. */
  dev: boolean;
};

// LiveKit Cloud hands clients other regions' hosts (`<project>.<region>.production.livekit.cloud`)
// to fail over to, so its whole domain is allowed, as livekit-client itself recognises it.
const LIVEKIT_CLOUD = /(?:^|\.)(livekit\.(?:cloud|run))$/;

/** A WebSocket URL's origin, plus its http(s) twin: livekit-client probes /rtc/validate over HTTP. */
function socketSources(url: string | undefined): string[] {
  if (!url) return [];
  const u = new URL(url);
  const http = u.protocol === "wss:" ? "https:" : "http:";
  const cloud = LIVEKIT_CLOUD.exec(u.hostname)?.[1];
  const hosts = cloud ? [u.host, `*.${cloud}`] : [u.host];
  return hosts.flatMap((host) => [`${u.protocol}//${host}`, `${http}//${host}`]);
}

export function contentSecurityPolicy(input: CspInput): string {
  const connect = new Set([
    "'self'",
    ...socketSources(input.mediaUrl),
    ...(input.captionsUrls ?? []).flatMap(socketSources),
  ]);
  const directives = [
    "default-src 'self'",
    // Next's own inline bootstrap carries the nonce; 'strict-dynamic' lets the scripts it loads
    // (chunks, LiveKit's workers and the captions worklet module) run without listing them.
    `script-src 'self' 'nonce-${input.nonce}' 'strict-dynamic'${input.dev ? " 'unsafe-eval'" : ""}`,
    // React and LiveKit's components set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Avatars: ours, Cloudinary's or a sign-in provider's picture, all over https.
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    `connect-src ${[...connect].join(" ")}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (new URL(input.appUrl).protocol === "https:") directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
