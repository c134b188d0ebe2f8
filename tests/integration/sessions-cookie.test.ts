import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sessionUserIdFromRequest } from "@/server/http/session";

const decodeCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const real = await importOriginal<typeof import("next-auth/jwt")>();
  return {
    ...real,
    decode: (params: Parameters<typeof real.decode>[0]) => {
      decodeCalls.n++;
      return real.decode(params);
    },
  };
});

const secret = () => process.env.NEXTAUTH_SECRET!;
const request = (cookie: string) =>
  new NextRequest("http://localhost:3000/api/x", {
    headers: { cookie: `next-auth.session-token=${cookie}` },
  });
const cookieFor = (uid: string, maxAge?: number) => encode({ token: { uid }, secret: secret(), maxAge });

describe("the session cookie on API requests", () => {
  beforeEach(() => {
    decodeCalls.n = 0;
  });

  it("decrypts a cookie once, then knows it until it expires", async () => {
    const cookie = await cookieFor("11111111-1111-4111-8111-111111111111");
    expect(await sessionUserIdFromRequest(request(cookie))).toBe("11111111-1111-4111-8111-111111111111");
    expect(await sessionUserIdFromRequest(request(cookie))).toBe("11111111-1111-4111-8111-111111111111");
    expect(decodeCalls.n).toBe(1);
  });

  it("refuses forged, tampered and expired cookies every time", async () => {
    const good = await cookieFor("22222222-2222-4222-8222-222222222222");
    expect(await sessionUserIdFromRequest(request(good))).not.toBeNull();
    const tampered = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    const forged = await encode({ token: { uid: "x" }, secret: "another-secret-0123456789abcdef0123" });
    const expired = await cookieFor("33333333-3333-4333-8333-333333333333", -60);
    for (const bad of [tampered, forged, expired, "garbage"]) {
      expect(await sessionUserIdFromRequest(request(bad))).toBeNull();
      expect(await sessionUserIdFromRequest(request(bad))).toBeNull();
    }
    expect(decodeCalls.n).toBe(1 + 4 * 2);
  });
});
