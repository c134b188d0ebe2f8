import { describe, expect, it } from "vitest";
import { blockedStorage, memoryStorage } from "../../../tests/support/memory-storage";
import { readPreference, writePreference } from "../use-preference";
import {
  VOICE_PROCESSING,
  captionLanguagePreference,
  captionsVisiblePreference,
} from "./caption-preferences";

describe("caption preferences", () => {
  it("remembers the caption language per identity, and survives blocked storage", () => {
    const storage = memoryStorage();
    const a = captionLanguagePreference("user-a");
    const b = captionLanguagePreference("user-b");
    writePreference(a, "ru", storage);
    writePreference(b, "de", storage);
    expect(readPreference(a, storage)).toBe("ru");
    expect(readPreference(b, storage)).toBe("de");
    writePreference(a, null, storage);
    expect(readPreference(a, storage)).toBeNull();
    // No identity yet (the room is still connecting): nothing stored under an empty key.
    const before = [...storage.map.keys()];
    expect(writePreference(captionLanguagePreference(""), "fr", storage)).toBe(false);
    expect([...storage.map.keys()]).toEqual(before);
    expect(readPreference(a, blockedStorage)).toBeNull();
    expect(writePreference(a, "ru", blockedStorage)).toBe(false);
  });

  it("reads the choices stored under the keys of before", () => {
    const storage = memoryStorage();
    storage.setItem("rooms:caption-language:user-a", "ru");
    storage.setItem("rooms:captions-visible:user-a", "off");
    storage.setItem("rooms:voice-processing", "off");
    expect(readPreference(captionLanguagePreference("user-a"), storage)).toBe("ru");
    expect(readPreference(captionsVisiblePreference("user-a"), storage)).toBe(false);
    expect(readPreference(captionsVisiblePreference("user-b"), storage)).toBe(true);
    expect(readPreference(VOICE_PROCESSING, storage)).toBe(false);
    // A choice made since wins over the old key.
    writePreference(VOICE_PROCESSING, true, storage);
    expect(readPreference(VOICE_PROCESSING, storage)).toBe(true);
  });
});
