import { ConnectionError, DisconnectReason } from "livekit-client";
import { describe, expect, it } from "vitest";
import type { ApiError } from "../use-api";
import { connectFailure, outcomeForApiError, outcomeForDisconnect } from "./outcomes";

const MISSING =
  "No media server is configured. Set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET, " +
  "or start Rooms with ./scripts/start.sh on a machine with Go installed so it can build livekit-server.";

describe("outcomeForApiError", () => {
  it("shows the media server's 503 message verbatim on the unavailable screen", () => {
    const err: ApiError = {
      status: 503,
      code: "media_unavailable",
      message: "Translated text",
      serverMessage: MISSING,
    };
    expect(outcomeForApiError(err)).toEqual({ kind: "unavailable", message: MISSING });
  });

  it("maps the session's own conflicts and auth to their screens", () => {
    expect(outcomeForApiError({ status: 409, code: "session_ended", message: "x" })).toEqual({
      kind: "ended",
    });
    expect(outcomeForApiError({ status: 409, code: "session_full", message: "x" })).toEqual({ kind: "full" });
    expect(outcomeForApiError({ status: 403, code: "participant_removed", message: "x" })).toEqual({
      kind: "removed",
    });
    expect(outcomeForApiError({ status: 401, code: "unauthenticated", message: "x" })).toEqual({
      kind: "signin",
    });
    expect(outcomeForApiError({ status: 0, code: "network", message: "offline" })).toEqual({
      kind: "failed",
      message: "offline",
    });
  });
});

describe("outcomeForDisconnect", () => {
  it("reads a deleted room as the end of the session, and our own leave as leaving", () => {
    expect(outcomeForDisconnect(DisconnectReason.ROOM_DELETED, false)).toEqual({ kind: "ended" });
    expect(outcomeForDisconnect(DisconnectReason.CLIENT_INITIATED, false)).toEqual({ kind: "left" });
    expect(outcomeForDisconnect(DisconnectReason.SIGNAL_CLOSE, true)).toEqual({ kind: "left" });
    expect(outcomeForDisconnect(DisconnectReason.DUPLICATE_IDENTITY, false)).toEqual({ kind: "duplicate" });
    expect(outcomeForDisconnect(DisconnectReason.PARTICIPANT_REMOVED, false)).toEqual({ kind: "removed" });
  });

  it("leaves ambiguous reasons to a status check", () => {
    expect(outcomeForDisconnect(DisconnectReason.SIGNAL_CLOSE, false)).toBeNull();
    expect(outcomeForDisconnect(undefined, false)).toBeNull();
  });
});

describe("connectFailure", () => {
  it("treats an unreachable media server as unavailable and a cancelled attempt as nothing", () => {
    expect(
      connectFailure(ConnectionError.serverUnreachable("could not establish signal connection")),
    ).toEqual({
      reason: "could not establish signal connection",
    });
    expect(connectFailure(ConnectionError.websocket("socket closed"))).toEqual({ reason: "socket closed" });
    expect(connectFailure(ConnectionError.cancelled("aborted"))).toBe("ignore");
    expect(connectFailure(new Error("NotAllowedError: camera"))).toBe("media");
  });
});
