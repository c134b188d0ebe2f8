import type { WebEnv } from "@/lib/env/web";
import type { MediaServer } from "../application/media-server";
import { liveKitMediaServer } from "./livekit-media-server";

/** The one place that picks the media server from configuration; null when none is configured. */
export function mediaServerFromEnv(env: WebEnv): MediaServer | null {
  if (!env.LIVEKIT_URL || !env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET) return null;
  return liveKitMediaServer({
    url: env.LIVEKIT_URL,
    apiUrl: env.LIVEKIT_API_URL,
    apiKey: env.LIVEKIT_API_KEY,
    apiSecret: env.LIVEKIT_API_SECRET,
  });
}

/** What to tell a user whose call cannot connect because no media server is configured. */
export function mediaUnavailableMessage(env: WebEnv): string {
  return (
    env.MEDIA_UNAVAILABLE_REASON ??
    "No media server is configured. Set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET, " +
      "or start Rooms with ./scripts/start.sh on a machine with Go installed so it can build livekit-server."
  );
}
