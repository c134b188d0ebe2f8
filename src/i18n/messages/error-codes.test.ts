import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/modules/core/shared/domain/error-codes";
import { en } from "./en";
import { ru } from "./ru";

describe("error code dictionaries", () => {
  it.each([
    ["en", en],
    ["ru", ru],
  ])("%s has a text for every error code and for nothing else", (_, t) => {
    expect(Object.keys(t.errors.codes).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(t.errors.codes[code].trim(), code).not.toBe("");
  });

  it("lists each code once", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it("does not blame an image for any oversized request", () => {
    // Any JSON body over 16 KiB is payload_too_large; only the avatar upload has its own code.
    expect(en.errors.codes.payload_too_large).not.toMatch(/image/i);
    expect(ru.errors.codes.payload_too_large).not.toMatch(/изображени/i);
    expect(en.errors.codes.avatar_too_large).toMatch(/2 MB/);
  });
});
