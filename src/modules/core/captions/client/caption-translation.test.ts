import { describe, expect, it } from "vitest";
import type { TranslationOffer } from "../domain/protocol";
import { CaptionConnection, type SocketLike, type TranslationMessage } from "./caption-connection";

/** Just enough socket for the server's messages to reach the connection. */
function socket() {
  const s: SocketLike & { receive(msg: object): void } = {
    binaryType: "blob",
    readyState: 0,
    send() {},
    close() {},
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    receive(msg) {
      s.onmessage?.({ data: JSON.stringify(msg) });
    },
  };
  return s;
}

describe("CaptionConnection: translations", () => {
  it("hands on the server's translation offer on ready and each translation message", async () => {
    const s = socket();
    const offers: TranslationOffer[] = [];
    const translations: TranslationMessage[] = [];
    const conn = new CaptionConnection({
      fetchToken: async () => ({ token: "t", url: "ws://127.0.0.1:1" }),
      createSocket: () => s,
      onTranscript: () => {},
      onState: () => {},
      onTranslation: (m) => translations.push(m),
      onTranslationOffer: (o) => offers.push(o),
    });
    conn.start();
    await new Promise((r) => setImmediate(r));
    s.readyState = 1;
    const ready = { type: "ready", sessionId: "s", participantId: "p", provider: "gladia", language: "en" };
    s.receive({ ...ready, translation: { languages: ["ru", "de"] } });
    s.receive({ type: "translation", utteranceId: "x:1", language: "ru", text: "привет" });
    // A server from before translation sends no offer: nothing is offered.
    s.receive(ready);
    expect(offers).toEqual([{ languages: ["ru", "de"] }, { languages: [] }]);
    expect(translations).toEqual([
      { type: "translation", utteranceId: "x:1", language: "ru", text: "привет" },
    ]);
    conn.stop();
  });
});
