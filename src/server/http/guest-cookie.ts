import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { webEnv } from "@/lib/env/web";

export const GUEST_COOKIE = "rooms-guest";
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

function sign(id: string): string {
  return createHmac("sha256", webEnv().NEXTAUTH_SECRET).update(`guest:${id}`).digest("base64url");
}

/**
 * An anonymous guest's id, from an HMAC-signed cookie: stable across reloads so the guest keeps
 * one participant row, and unforgeable so nobody can take over another guest's identity.
 */
export function readGuestId(req: NextRequest): string | null {
  return verifyGuestCookie(req.cookies.get(GUEST_COOKIE)?.value);
}

/** The guest id in a raw cookie value, or null if it is absent or not signed by us (for pages). */
export function verifyGuestCookie(raw: string | undefined): string | null {
  if (!raw) return null;
  const [id, mac] = raw.split(".");
  if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const expected = Buffer.from(sign(id));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

export function setGuestCookie(res: NextResponse, id: string = randomUUID()): string {
  res.cookies.set(GUEST_COOKIE, `${id}.${sign(id)}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: webEnv().NEXTAUTH_URL.startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
  return id;
}
