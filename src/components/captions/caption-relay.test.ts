import { describe, expect, it } from "vitest";
import type { TranscriptMessage } from "@/modules/core/captions/client/caption-connection";
import { TRANSCRIPTION_TOPIC, TRANSLATION_TOPIC } from "../call/room-protocol";
import { createCaptionRelay, withOwnLine, type SendText } from "./caption-relay";

const transcript = (utteranceId: string, text: string, isFinal: boolean): TranscriptMessage => ({
  type: "transcript",
  utteranceId,
  text,
  isFinal,
  startMs: null,
  endMs: null,
  language: null,
  confidence: null,
});

/** A sendText whose sends finish only when told, in any order. */
function heldSends() {
  const sent: { text: string; topic: string; attributes: Record<string, string> }[] = [];
  const pending: { finish: () => void; fail: () => void }[] = [];
  const send: SendText = (text, opts) => {
    sent.push({ text, ...opts });
    return new Promise<void>((resolve, reject) =>
      pending.push({ finish: resolve, fail: () => reject(new Error("data channel closed")) }),
    );
  };
  return { send, sent, pending };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("caption relay", () => {
  it("sends in order, one at a time, and skips a partial already superseded", async () => {
    const { send, sent, pending } = heldSends();
    const relay = createCaptionRelay(send);
    relay.setTrackSid("TR_mic");
    void relay.transcript(transcript("u1", "hel", false));
    await flush();
    void relay.transcript(transcript("u1", "hello", false));
    void relay.transcript(transcript("u1", "hello there", true));
    void relay.translation({ type: "translation", utteranceId: "u1", language: "ru", text: "привет" });
    await flush();
    // Only the first is on its way; the rest wait behind it.
    expect(sent.map((s) => s.text)).toEqual(["hel"]);
    pending[0]!.finish();
    await flush();
    // "hello" was superseded while it waited: the final goes next.
    expect(sent.map((s) => s.text)).toEqual(["hel", "hello there"]);
    pending[1]!.fail();
    await flush();
    // A failed send does not stop the translation after it.
    expect(sent.map((s) => s.text)).toEqual(["hel", "hello there", "привет"]);
    expect(sent[1]).toMatchObject({
      topic: TRANSCRIPTION_TOPIC,
      attributes: {
        "lk.segment_id": "u1",
        "lk.transcribed_track_id": "TR_mic",
        "lk.transcription_final": "true",
      },
    });
    expect(sent[2]).toMatchObject({
      topic: TRANSLATION_TOPIC,
      attributes: { "rooms.segment_id": "u1", "rooms.language": "ru", "lk.transcribed_track_id": "TR_mic" },
    });
  });

  it("never skips a final, even with a later update of its utterance queued behind it", async () => {
    const { send, sent, pending } = heldSends();
    const relay = createCaptionRelay(send);
    relay.setTrackSid("TR_mic");
    void relay.transcript(transcript("u0", "first", true));
    void relay.transcript(transcript("u1", "one", true));
    void relay.transcript(transcript("u1", "one more", false));
    for (let i = 0; i < 3; i++) {
      await flush();
      pending[i]?.finish();
    }
    await flush();
    // A partial arriving after its final is stale: the final stands.
    expect(sent.map((s) => s.text)).toEqual(["first", "one"]);
  });

  it("keeps one line per utterance, with the time it was first heard", () => {
    const me = { identity: "user-a", name: "Ann" };
    let lines = withOwnLine([], transcript("u1", "hel", false), me, 1000);
    lines = withOwnLine(lines, transcript("u2", "other", false), me, 1500);
    lines = withOwnLine(lines, transcript("u1", "hello", true), me, 2000);
    expect(lines.map((l) => [l.id, l.text, l.final, l.at, l.updatedAt])).toEqual([
      ["u1", "hello", true, 1000, 2000],
      ["u2", "other", false, 1500, 1500],
    ]);
    expect(lines[0]).toMatchObject({ speakerIdentity: "user-a", speakerName: "Ann", local: true });
  });
});
