import { and, eq } from "drizzle-orm";
import { RoomServiceClient } from "livekit-server-sdk";
import { inject } from "vitest";
import WebSocket from "ws";
import { getDb } from "@/server/db";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { createSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import {
  createSessionEndpoint,
  joinSessionEndpoint,
  tokenEndpoint,
} from "@/modules/core/sessions/api/session-endpoints";
import { markLive } from "@/modules/core/sessions/infra/session-repository";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { call, makeUser, type TestUser } from "./api";
import { expectReply } from "./contract";
import { addMember } from "./members";

/** A space with its owner (who hosts), one member, and one signed-in outsider. */
export async function setupSpace() {
  const [host, member, outsider] = await Promise.all([
    makeUser("Hana Host"),
    makeUser("Max Member"),
    makeUser("Oscar Out"),
  ]);
  const created = await call(createSpaceEndpoint, { user: host, json: { name: "Calls" } });
  const spaceId = expectReply(created, spacesApi.create).space.id;
  await addMember(host, spaceId, member);
  return { host, member, outsider, spaceId };
}

export async function newSession(host: TestUser, spaceId: string, body: Record<string, unknown> = {}) {
  const res = await call(createSessionEndpoint, {
    user: host,
    params: { spaceId },
    json: { title: "Standup", ...body },
  });
  return expectReply(res, sessionsApi.create).session;
}

/** A session whose call has started (as LiveKit's room_started webhook marks it). */
export async function liveSession(host: TestUser, spaceId: string, body: Record<string, unknown> = {}) {
  const session = await newSession(host, spaceId, body);
  await markLive(getDb(), session.id, new Date());
  return session;
}

export const join = (
  slug: string,
  opts: { user?: TestUser; cookie?: string; displayName?: string; address?: string } = {},
) =>
  call(joinSessionEndpoint, {
    user: opts.user,
    cookie: opts.cookie,
    // The client address as both the forwarded header and the socket-peer stamp, whichever the
    // address resolution in use reads.
    headers: opts.address
      ? { "x-forwarded-for": opts.address, "x-rooms-peer-address": opts.address }
      : undefined,
    params: { slug },
    json: opts.displayName ? { displayName: opts.displayName } : {},
  });

export async function sessionRow(id: string) {
  const [row] = await getDb().select().from(videoSessions).where(eq(videoSessions.id, id));
  return row!;
}

export const token = (slug: string, opts: { user?: TestUser; cookie?: string } = {}) =>
  call(tokenEndpoint, { user: opts.user, cookie: opts.cookie, params: { slug } });

/** The real livekit-server's room API (started by the integration setup). */
export function liveKitRooms(): RoomServiceClient {
  const lk = inject("livekit");
  return new RoomServiceClient(lk.url.replace(/^ws/, "http"), lk.apiKey, lk.apiSecret);
}

export type RoomConnection =
  { joined: true; close(): void } | { joined: false; status: number; body: string };

/**
 * Joins a LiveKit room as a participant over the signalling WebSocket, as a client SDK does
 * first: the server answers with its join response (the participant is then in the room's
 * participant list) or refuses the upgrade with an HTTP status. No media is negotiated.
 */
export function connectToRoom(url: string, accessToken: string): Promise<RoomConnection> {
  const ws = new WebSocket(`${url}/rtc?access_token=${accessToken}&protocol=15&auto_subscribe=1&sdk=js`);
  return new Promise((resolve, reject) => {
    ws.once("message", () => resolve({ joined: true, close: () => ws.close() }));
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ joined: false, status: res.statusCode ?? 0, body }));
    });
    ws.once("error", reject);
  });
}

/** Backdates a participant's latest join past the seat grace period: a join that never connected. */
export async function expireJoin(sessionId: string, identity: string) {
  await getDb()
    .update(participants)
    .set({ lastJoinedAt: new Date(Date.now() - 5 * 60_000) })
    .where(and(eq(participants.videoSessionId, sessionId), eq(participants.identity, identity)));
}
