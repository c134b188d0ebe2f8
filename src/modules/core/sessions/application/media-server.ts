import type { EgressReport } from "@/modules/core/recording/domain/egress-report";

/** What the sessions module needs from the media server (LiveKit). */
export interface MediaServer {
  /** The URL browsers connect to (ws:// or wss://). */
  readonly clientUrl: string;
  issueToken(input: {
    room: string;
    identity: string;
    name: string;
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
  /**
   * Mutes the participant's published microphone (LiveKit `mutePublishedTrack`); they can unmute
   * themselves. False when they are not connected or publish no microphone.
   */
  muteMicrophone(room: string, identity: string): Promise<boolean>;
  /** Disconnects one participant (LiveKit `removeParticipant`); one who is not connected is not an error. */
  removeParticipant(room: string, identity: string): Promise<void>;
  /**
   * Sets (or, with "", clears) participant attributes. Participants cannot set their own
   * (`canUpdateOwnMetadata: false`), so what others read from them is the server's word.
   */
  setAttributes(room: string, identity: string, attributes: Record<string, string>): Promise<boolean>;
  /** A data message from the server to one participant: its sender is the server, not a participant. */
  notify(room: string, identity: string, topic: string, payload: string): Promise<void>;
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
