import { lineOfText } from "@/modules/core/shared/domain/text";

export const SESSION_STATUSES = ["CREATED", "LIVE", "ENDED"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type ParticipantRole = "HOST" | "GUEST";

export type VideoSession = {
  id: string;
  slug: string;
  spaceId: string;
  createdByUserId: string;
  title: string;
  status: SessionStatus;
  maxParticipants: number | null;
  transcriptionEnabled: boolean;
  transcriptionLanguage: string;
  allowGuests: boolean;
  /** Guests knock first (the host lets them in); meaningful only with `allowGuests`. */
  guestsKnock: boolean;
  /** False: the host chose at creation that this call is never recorded. */
  recordingAllowed: boolean;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  lastActivityAt: Date;
};

export type VideoSessionSummary = {
  id: string;
  slug: string;
  title: string;
  status: SessionStatus;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  participantCount: number;
};

export type Participant = {
  id: string;
  videoSessionId: string;
  userId: string | null;
  identity: string;
  displayName: string;
  role: ParticipantRole;
  joinedAt: Date;
  leftAt: Date | null;
  /** The host removed them: no new join or token in this session. */
  removedAt: Date | null;
};

export const sessionTitle = lineOfText(120);

export const isJoinable = (status: SessionStatus) => status !== "ENDED";

/** LiveKit identities: stable per person per session, and never the raw email. */
export const userIdentity = (userId: string) => `user-${userId}`;
const GUEST_PREFIX = "guest-";
export const guestIdentity = (guestId: string) => `${GUEST_PREFIX}${guestId}`;
/** Someone who joined without an account: their display name is whatever they typed. */
export const isGuestIdentity = (identity: string) => identity.startsWith(GUEST_PREFIX);

/** The LiveKit room of a session is named after its id: unique and never reused. */
export const roomName = (session: Pick<VideoSession, "id">) => session.id;
