import {
  AccessToken,
  DataPacket_Kind,
  RoomServiceClient,
  TrackSource,
  WebhookReceiver,
} from "livekit-server-sdk";
import { egressReportOf } from "@/modules/core/recording";
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
// A room nobody connects to closes after 5 minutes (the idle sweeper's default), and one that
// everybody left after a minute: long enough for a reload or a short network drop.
const EMPTY_TIMEOUT_SECONDS = 5 * 60;
const DEPARTURE_TIMEOUT_SECONDS = 60;

export function liveKitMediaServer(config: LiveKitConfig): MediaServer {
  const apiUrl = config.apiUrl ?? config.url.replace(/^ws/, "http");
  const rooms = new RoomServiceClient(apiUrl, config.apiKey, config.apiSecret);
  const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
  const ttl = config.tokenTtlSeconds ?? DEFAULT_TTL_SECONDS;

  async function identities(room: string): Promise<string[]> {
    try {
      // A recorder joins hidden: it is nobody's seat and does not make an empty call occupied.
      return (await rooms.listParticipants(room))
        .filter((p) => !p.permission?.hidden && !p.permission?.recorder)
        .map((p) => p.identity);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  async function participant(room: string, identity: string) {
    try {
      return await rooms.getParticipant(room, identity);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  return {
    clientUrl: config.url,
    async issueToken({ room, identity, name, metadata }) {
      const at = new AccessToken(config.apiKey, config.apiSecret, { identity, name, metadata, ttl });
      at.addGrant({
        room,
        roomJoin: true,
        canPublish: true,
        canSubscribe: true,
        // Captions travel as text streams and caption state as data messages.
        canPublishData: true,
        // Name and metadata (the role) are the server's, set in this token: a participant who
        // could change them could take the host's name or badge.
        canUpdateOwnMetadata: false,
        // No browser is a room admin, the host's neither: muting, removing and hands go through the
        // server's endpoints, which check the role and record a removal (a room-admin token could
        // remove without it, or rename and re-badge anyone).
        roomAdmin: false,
      });
      return { token: await at.toJwt(), expiresAt: new Date(Date.now() + ttl * 1000) };
    },
    async createRoom(room, { maxParticipants }) {
      await rooms.createRoom({
        name: room,
        emptyTimeout: EMPTY_TIMEOUT_SECONDS,
        departureTimeout: DEPARTURE_TIMEOUT_SECONDS,
        maxParticipants: maxParticipants ?? 0,
      });
    },
    async countParticipants(room) {
      return (await identities(room)).length;
    },
    participantIdentities: identities,
    async existingRooms(names) {
      if (names.length === 0) return [];
      return (await rooms.listRooms(names)).map((r) => r.name);
    },
    async deleteRoom(room) {
      try {
        await rooms.deleteRoom(room);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    },
    async muteMicrophone(room, identity) {
      const who = await participant(room, identity);
      const mic = who?.tracks.find((t) => t.source === TrackSource.MICROPHONE);
      if (!mic) return false;
      await rooms.mutePublishedTrack(room, identity, mic.sid, true);
      return true;
    },
    async removeParticipant(room, identity) {
      try {
        await rooms.removeParticipant(room, identity);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    },
    async setAttributes(room, identity, attributes) {
      try {
        await rooms.updateParticipant(room, identity, { attributes });
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
    async notify(room, identity, topic, payload) {
      await rooms.sendData(room, new TextEncoder().encode(payload), DataPacket_Kind.RELIABLE, {
        destinationIdentities: [identity],
        topic,
      });
    },
    async receiveWebhook(rawBody, authorization): Promise<MediaEvent> {
      const event = await receiver.receive(rawBody, authorization ?? undefined);
      return {
        id: event.id,
        event: event.event,
        createdAt: new Date(Number(event.createdAt) * 1000),
        room: event.room?.name,
        participantIdentity: event.participant?.identity,
        egress: event.egressInfo ? egressReportOf(event.egressInfo) : undefined,
      };
    },
  };
}

function isNotFound(err: unknown): boolean {
  const e = err as { status?: number; code?: string; message?: string };
  return e?.status === 404 || e?.code === "not_found" || /not.?found|does not exist/i.test(e?.message ?? "");
}
