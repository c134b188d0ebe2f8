import type { EgressReport } from "@/modules/core/recording/domain/egress-report";

/** What the sessions module needs from the media server (LiveKit). */
export interface MediaServer {
  /** The URL browsers connect to (ws:// or wss://). */
  readonly clientUrl: string;
  issueToken(input: {
    room: string;
    identity: string;
    name: string;
    isHost: boolean;
    metadata: string;
  }): Promise<{ token: string; expiresAt: Date }>;
  /**
   * Creates the room (idempotent: an existing room is kept). Rooms are never created by a
   * connecting client, so a token that outlives its session cannot bring the room back.
   */
  createRoom(room: string, opts: { maxParticipants: number | null }): Promise<void>;
  /** How many people are connected to the room right now; 0 when it does not exist. */
  countParticipants(room: string): Promise<number>;
  /** Identities of the people connected to the room right now; empty when it does not exist. */
  participantIdentities(room: string): Promise<string[]>;
  /** Which of these rooms exist on the media server. */
  existingRooms(rooms: string[]): Promise<string[]>;
  /** Disconnects everyone; a room that does not exist (any more) is not an error. */
  deleteRoom(room: string): Promise<void>;
  /** Verifies the signature over the raw body; throws when it is missing or forged. */
  receiveWebhook(rawBody: string, authorization: string | null): Promise<MediaEvent>;
}

export type MediaEvent = {
  id: string;
  event: string;
  createdAt: Date;
  room?: string;
  participantIdentity?: string;
  /** Egress (recording) events carry the egress's state and files instead of a room. */
  egress?: EgressReport;
};
