import { describe, expect, it } from "vitest";
import { blockedStorage, memoryStorage } from "../../../tests/support/memory-storage";
import { readPreference, writePreference } from "../use-preference";
import {
  VOICE_PROCESSING,
  captionLanguagePreference,
  captionPositionPreference,
  captionSizePreference,
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

  it("remembers caption size and position per identity; anything else stored reads as the default", () => {
    const storage = memoryStorage();
    writePreference(captionSizePreference("user-a"), "xlarge", storage);
    writePreference(captionPositionPreference("user-a"), "top", storage);
    expect(readPreference(captionSizePreference("user-a"), storage)).toBe("xlarge");
    expect(readPreference(captionPositionPreference("user-a"), storage)).toBe("top");
    expect(readPreference(captionSizePreference("user-b"), storage)).toBe("medium");
    expect(readPreference(captionPositionPreference("user-b"), storage)).toBe("bottom");
    storage.setItem("rooms:caption-size:v1:user-b", JSON.stringify("enormous"));
    expect(readPreference(captionSizePreference("user-b"), storage)).toBe("medium");
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
