import { describe, expect, it } from "vitest";
import { deepLinkKind } from "./deep-link";

describe("deepLinkKind", () => {
  it("names each kind of page a link can point at", () => {
    expect(deepLinkKind("/spaces/6f1c0a52-0000-4000-8000-000000000000")).toBe("space");
    expect(deepLinkKind("/spaces/6f1c0a52-0000-4000-8000-000000000000/tasks?status=OPEN")).toBe("tasks");
    expect(deepLinkKind("/s/abc-defg-hij")).toBe("call");
    expect(deepLinkKind("/s/abc-defg-hij/transcript?t=12")).toBe("transcript");
    expect(deepLinkKind("/invite/Zm9vYmFy")).toBe("invite");
    expect(deepLinkKind("/profile")).toBe("profile");
  });

  it("says nothing for the dashboard or anything else", () => {
    expect(deepLinkKind("/")).toBeNull();
    expect(deepLinkKind("/admin/usage")).toBeNull();
    expect(deepLinkKind("/s/abc-defg-hij/other")).toBeNull();
  });
});
