import { AccessToken, RoomServiceClient, WebhookReceiver } from "livekit-server-sdk";
import type { MediaEvent, MediaServer } from "../application/media-server";

export type LiveKitConfig = {
  /** ws(s):// URL for browsers. */
  url: string;
  /** http(s):// URL for server API calls; derived from `url` when absent. */
  apiUrl?: string;
  apiKey: string;
  apiSecret: string;
  tokenTtlSeconds?: number;
};

// Long enough to connect; LiveKit refreshes the token of a connected participant itself.
const DEFAULT_TTL_SECONDS = 10 * 60;

export function liveKitMediaServer(config: LiveKitConfig): MediaServer {
  const apiUrl = config.apiUrl ?? config.url.replace(/^ws/, "http");
  const rooms = new RoomServiceClient(apiUrl, config.apiKey, config.apiSecret);
  const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
  const ttl = config.tokenTtlSeconds ?? DEFAULT_TTL_SECONDS;

  return {
    clientUrl: config.url,
    async issueToken({ room, identity, name, isHost, metadata }) {
      const at = new AccessToken(config.apiKey, config.apiSecret, { identity, name, metadata, ttl });
      at.addGrant({
        room,
        roomJoin: true,
        canPublish: true,
        canSubscribe: true,
        canPublishData: true,
        roomAdmin: isHost,
      });
      return { token: await at.toJwt(), expiresAt: new Date(Date.now() + ttl * 1000) };
    },
    async countParticipants(room) {
      try {
        return (await rooms.listParticipants(room)).length;
      } catch (err) {
        if (isNotFound(err)) return 0;
        throw err;
      }
    },
    async deleteRoom(room) {
      try {
        await rooms.deleteRoom(room);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    },
    async receiveWebhook(rawBody, authorization): Promise<MediaEvent> {
      const event = await receiver.receive(rawBody, authorization ?? undefined);
      return {
        id: event.id,
        event: event.event,
        createdAt: new Date(Number(event.createdAt) * 1000),
        room: event.room?.name,
        participantIdentity: event.participant?.identity,
      };
    },
  };
}

function isNotFound(err: unknown): boolean {
  const e = err as { status?: number; code?: string; message?: string };
  return e?.status === 404 || e?.code === "not_found" || /not.?found|does not exist/i.test(e?.message ?? "");
}
