import { describe, expect, it } from "vitest";
import {
  TRANSCRIPTION_ATTR,
  TRANSCRIPTION_TOPIC,
  TRANSLATION_ATTR,
  TRANSLATION_TOPIC,
} from "../call/room-protocol";
import { admitLiveText, lineKey, withLiveText, type LiveText, type Sender } from "./live-text";

const guest: Sender = { identity: "guest-x", name: "Gus Guest", audioTrackSids: ["TR_guest"] };
const caption = (segment: string, track: string, final = true) => ({
  [TRANSCRIPTION_ATTR.segmentId]: segment,
  [TRANSCRIPTION_ATTR.trackId]: track,
  [TRANSCRIPTION_ATTR.final]: String(final),
});

describe("admitting live text streams", () => {
  it("keys a caption by its sender and segment and names it after the sender", () => {
    expect(admitLiveText(TRANSCRIPTION_TOPIC, caption("u1", "TR_guest", false), guest)).toEqual({
      key: lineKey("guest-x", "u1"),
      sender: { identity: "guest-x", name: "Gus Guest" },
      segmentId: "u1",
      final: false,
    });
    expect(lineKey("guest-x", "u1")).not.toBe(lineKey("user-host", "u1"));
  });

  it("ignores a stream naming a track its sender does not publish, or none", () => {
    // The host's microphone, or any made-up sid.
    expect(admitLiveText(TRANSCRIPTION_TOPIC, caption("u1", "TR_host"), guest)).toBeNull();
    const noTrack = { [TRANSCRIPTION_ATTR.segmentId]: "u1", [TRANSCRIPTION_ATTR.final]: "true" };
    expect(admitLiveText(TRANSCRIPTION_TOPIC, noTrack, guest)).toBeNull();
    // A sender the room does not know (left already), or without a segment id.
    expect(admitLiveText(TRANSCRIPTION_TOPIC, caption("u1", "TR_guest"), undefined)).toBeNull();
    expect(admitLiveText(TRANSCRIPTION_TOPIC, caption("", "TR_guest"), guest)).toBeNull();
    expect(admitLiveText(TRANSCRIPTION_TOPIC, caption("u".repeat(201), "TR_guest"), guest)).toBeNull();
  });

  it("admits a translation with its language from its sender's own track only", () => {
    const attrs = (track: string, language = "ru") => ({
      [TRANSLATION_ATTR.segmentId]: "u1",
      [TRANSLATION_ATTR.language]: language,
      [TRANSLATION_ATTR.trackId]: track,
    });
    expect(admitLiveText(TRANSLATION_TOPIC, attrs("TR_guest"), guest)).toMatchObject({
      sender: { identity: "guest-x" },
      segmentId: "u1",
      language: "ru",
    });
    expect(admitLiveText(TRANSLATION_TOPIC, attrs("TR_host"), guest)).toBeNull();
    expect(admitLiveText(TRANSLATION_TOPIC, attrs("TR_guest", ""), guest)).toBeNull();
  });

  it("keeps the latest update of a line, but never replaces a final with a late partial", () => {
    const text = (t: string, final: boolean): LiveText => ({
      key: "k",
      sender: { identity: "guest-x", name: "Gus Guest" },
      segmentId: "u1",
      final,
      text: t,
      receivedAt: 1,
    });
    let m = withLiveText(new Map(), text("good", false));
    m = withLiveText(m, text("good morning", true));
    m = withLiveText(m, text("good morn", false));
    expect(m.get("k")).toMatchObject({ text: "good morning", final: true });
  });
});
