import { z } from "zod";
import { endpoint, isoDate } from "@/lib/http-contract";
import { displayName } from "@/modules/core/identity/domain/user";
import { AUTO_LANGUAGE } from "@/modules/core/captions/domain/caption-languages";
import { spaceName } from "@/modules/core/spaces/domain/space";
import { KNOCK_STATUSES } from "../domain/knock";
import { SESSION_STATUSES, sessionTitle } from "../domain/video-session";

const status = z.enum(SESSION_STATUSES);
const role = z.enum(["HOST", "GUEST"]);

export const participantView = z.strictObject({
  id: z.uuid(),
  videoSessionId: z.uuid(),
  userId: z.uuid().nullable(),
  identity: z.string(),
  displayName: z.string(),
  role,
  joinedAt: isoDate,
  /** The row's column rides along where the whole row is sent (join); the TypeScript type omits it. */
  lastJoinedAt: isoDate.optional(),
  leftAt: isoDate.nullable(),
  /** Set when the host removed them (a removed participant gets no join reply, so always null here). */
  removedAt: isoDate.nullable().optional(),
});

const videoSession = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  spaceId: z.uuid(),
  createdByUserId: z.uuid(),
  title: z.string(),
  status,
  maxParticipants: z.number().int().nullable(),
  transcriptionEnabled: z.boolean(),
  transcriptionLanguage: z.string(),
  allowGuests: z.boolean(),
  guestsKnock: z.boolean(),
  /** The row's column rides along (the TypeScript type omits it); kept as sent. */
  transcriptShared: z.boolean().optional(),
  recordingAllowed: z.boolean(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  endedAt: isoDate.nullable(),
  lastActivityAt: isoDate,
});

const sessionView = z.strictObject({
  slug: z.string(),
  title: z.string(),
  status,
  spaceId: z.uuid(),
  spaceName: z.string(),
  allowGuests: z.boolean(),
  guestsKnock: z.boolean(),
  maxParticipants: z.number().int().nullable(),
  transcriptionEnabled: z.boolean(),
  transcriptionLanguage: z.string(),
  startedAt: isoDate.nullable(),
  endedAt: isoDate.nullable(),
  viewer: z.strictObject({
    role,
    canEnd: z.boolean(),
    signedIn: z.boolean(),
    participant: participantView.nullable(),
  }),
});

const sessionSummary = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status,
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  endedAt: isoDate.nullable(),
  participantCount: z.number().int(),
});

const createBody = z
  .object({
    title: sessionTitle,
    maxParticipants: z.number().int().min(2).max(100).nullable().default(null),
    transcriptionEnabled: z.boolean().default(true),
    // Which languages the recognizer can do is the use-case's check (422 caption_language_unsupported).
    transcriptionLanguage: z
      .string()
      .regex(/^[a-z]{2,3}$/)
      .or(z.literal(AUTO_LANGUAGE))
      .optional(),
    allowGuests: z.boolean().default(false),
    /** Every guest asks to join first; ignored (stored off) when guests are not allowed. */
    guestsKnock: z.boolean().default(false),
    recordingAllowed: z.boolean().default(true),
  })
  .strict();

/** Video sessions: create, read, join, the LiveKit token, end. */
export const sessionsApi = {
  list: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]/sessions",
    response: z.strictObject({ sessions: z.array(sessionSummary) }),
  }),
  create: endpoint({
    method: "POST",
    path: "/api/spaces/[spaceId]/sessions",
    request: createBody,
    response: z.strictObject({ session: videoSession.extend({ path: z.string() }) }),
    status: 201,
  }),
  get: endpoint({
    method: "GET",
    path: "/api/sessions/[slug]",
    response: z.strictObject({
      session: sessionView,
      media: z.strictObject({ available: z.boolean(), message: z.string().nullable() }),
    }),
  }),
  join: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/participants/join",
    request: z.object({ displayName: displayName.optional() }).strict(),
    response: z.strictObject({ participant: participantView, status: z.literal("joined") }),
  }),
  token: endpoint({
    method: "GET",
    path: "/api/sessions/[slug]/token",
    response: z.strictObject({
      token: z.string(),
      url: z.string(),
      identity: z.string(),
      expiresAt: isoDate,
    }),
  }),
  /** LiveKit's webhook: signed by LiveKit, answered with what it changed. */
  webhook: endpoint({
    method: "POST",
    path: "/api/livekit/webhook",
    response: z.strictObject({ outcome: z.enum(["applied", "duplicate", "ignored", "room_closed"]) }),
  }),
  end: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/end",
    response: z.strictObject({
      session: z.strictObject({ slug: z.string(), status, endedAt: isoDate.nullable() }),
    }),
  }),
};

/** The dashboard's one-click "New meeting" (start-meeting.ts picks the space). */
export const meetingsApi = {
  start: endpoint({
    method: "POST",
    path: "/api/meetings",
    request: z.object({ title: sessionTitle, firstSpaceName: spaceName }).strict(),
    response: z.strictObject({
      session: z.strictObject({ slug: z.string(), path: z.string() }),
      space: z.strictObject({ id: z.uuid(), name: z.string(), created: z.boolean() }),
    }),
    status: 201,
  }),
};

const knockView = z.strictObject({
  id: z.uuid(),
  displayName: z.string(),
  status: z.enum(KNOCK_STATUSES),
  createdAt: isoDate,
});

/**
 * The guest lobby: a guest knocks, polls and may cancel their own knock (cookie id); the host and
 * space admins list and decide. And who is already in the call, for the pre-join screen.
 */
export const lobbyApi = {
  knock: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/lobby",
    request: z.object({ displayName }).strict(),
    response: z.strictObject({ knock: knockView }),
    status: 201,
  }),
  mine: endpoint({
    method: "GET",
    path: "/api/sessions/[slug]/lobby",
    response: z.strictObject({ knock: knockView, sessionStatus: status, hostInCall: z.boolean() }),
  }),
  cancel: endpoint({
    method: "DELETE",
    path: "/api/sessions/[slug]/lobby",
    response: z.strictObject({ knock: knockView }),
  }),
  waiting: endpoint({
    method: "GET",
    path: "/api/sessions/[slug]/lobby/knocks",
    response: z.strictObject({ knocks: z.array(knockView) }),
  }),
  decide: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/lobby/knocks/[knockId]",
    request: z.object({ decision: z.enum(["admit", "deny"]) }).strict(),
    response: z.strictObject({ knock: knockView }),
  }),
  /** The host or a space admin: whether every guest asks first (off: guests walk in up to the cap). */
  settings: endpoint({
    method: "PUT",
    path: "/api/sessions/[slug]/lobby/settings",
    request: z.object({ guestsKnock: z.boolean() }).strict(),
    response: z.strictObject({ guestsKnock: z.boolean() }),
  }),
  people: endpoint({
    method: "GET",
    path: "/api/sessions/[slug]/people",
    response: z.strictObject({
      status,
      count: z.number().int(),
      people: z.array(z.strictObject({ name: z.string(), guest: z.boolean() })),
    }),
  }),
};

const identityBody = z.object({ identity: z.string().min(1).max(200) }).strict();

/** In-call moderation and raised hands (host tools of the participants panel). */
export const peopleApi = {
  mute: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/participants/mute",
    request: identityBody,
    response: z.strictObject({ muted: z.boolean() }),
  }),
  remove: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/participants/remove",
    request: identityBody,
    response: z.strictObject({ removed: z.literal(true) }),
  }),
  /** Raise or lower one's own hand; the host (or a space admin) may lower another's with `identity`. */
  hand: endpoint({
    method: "PUT",
    path: "/api/sessions/[slug]/participants/hand",
    request: z.object({ raised: z.boolean(), identity: z.string().min(1).max(200).optional() }).strict(),
    response: z.strictObject({ identity: z.string(), raisedAt: isoDate.nullable() }),
  }),
};
