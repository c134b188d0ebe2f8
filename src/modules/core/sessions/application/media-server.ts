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
  /** How many people are connected to the room right now; 0 when it does not exist. */
  countParticipants(room: string): Promise<number>;
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
};
