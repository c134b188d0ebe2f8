import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { errorResponse } from "@/server/http/errors";
import { clientAddress, rateLimit } from "@/server/rate-limit";
import { authOptions } from "../infra/auth";

type Segment = { params: Promise<{ nextauth: string[] }> };

/** NextAuth's own handler behind the spec's auth rate limit (30/min per client address). */
export async function authEndpoint(req: NextRequest, segment: Segment): Promise<Response> {
  try {
    await rateLimit("auth", `ip:${clientAddress(req)}`);
  } catch (err) {
    return errorResponse(err);
  }
  const handler = NextAuth(authOptions());
  return handler(req, segment);
}
