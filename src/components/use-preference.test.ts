import { describe, expect, it } from "vitest";
import { memoryStorage } from "../../tests/support/memory-storage";
import { z } from "zod";
import { preferenceKey, readPreference, writePreference, type Preference } from "./use-preference";

const pref: Preference<{ on: boolean; device: string }> = {
  key: preferenceKey("thing", 2),
  schema: z.object({ on: z.boolean(), device: z.string() }),
  fallback: { on: true, device: "" },
};

describe("preferences", () => {
  it("stores JSON under a versioned key and reads it back", () => {
    const storage = memoryStorage();
    expect(preferenceKey("captions-visible", 1, "user-a")).toBe("rooms:captions-visible:v1:user-a");
    expect(readPreference(pref, storage)).toEqual({ on: true, device: "" });
    expect(writePreference(pref, { on: false, device: "mic-2" }, storage)).toBe(true);
    expect(storage.map.get("rooms:thing:v2")).toBe('{"on":false,"device":"mic-2"}');
    expect(readPreference(pref, storage)).toEqual({ on: false, device: "mic-2" });
  });

  it("falls back on anything it did not write: another shape, not JSON, an older version", () => {
    const storage = memoryStorage();
    storage.setItem("rooms:thing:v2", '{"on":"yes"}');
    expect(readPreference(pref, storage)).toEqual(pref.fallback);
    storage.setItem("rooms:thing:v2", "{not json");
    expect(readPreference(pref, storage)).toEqual(pref.fallback);
    storage.map.clear();
    storage.setItem("rooms:thing:v1", '{"on":false}');
    expect(readPreference(pref, storage)).toEqual(pref.fallback);
  });

  it("answers the fallback where storage is blocked or missing, and never throws", () => {
    const blocked = {
      getItem: (): string | null => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new ReferenceError("localStorage is not defined");
      },
    };
    expect(readPreference(pref, blocked)).toEqual(pref.fallback);
    expect(writePreference(pref, { on: false, device: "" }, blocked)).toBe(false);
  });
});
