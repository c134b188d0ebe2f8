import { NextResponse } from "next/server";
import type { Endpoint, Jsonable, Reply } from "@/lib/http-contract";

/**
 * The JSON reply of `endpoint`, with its success status; the body is checked against the
 * contract's response type at compile time (tests parse it at run time).
 */
export function reply<E extends Endpoint>(endpoint: E, body: Jsonable<Reply<E>>, init?: ResponseInit) {
  return NextResponse.json(body, { status: endpoint.status ?? 200, ...init });
}
