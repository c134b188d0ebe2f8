import { randomBytes, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { signTranscriptionToken } from "../../src/modules/core/captions/infra/transcription-token";
import type { Speaker } from "../../tests/support/transcription-seed";
import type { Base, Frame, Mutation, TokenMutation } from "./ws-cases";

/** Turns the ws fuzz's case data into what goes on the wire (a valid token is minted per case). */

/** The text of every forged final: none may ever be stored. */
export const FORGED = "FUZZ-FORGED words";

export function bytes(f: Frame, token: string): [Buffer | string, boolean][] {
  switch (f.t) {
    case "binary": {
      const buf = Buffer.alloc(f.size);
      if (f.size) buf.fill(Buffer.from(f.pattern));
      return [[buf, true]];
    }
    case "text":
      return [[f.s, false]];
    case "json":
      return [[JSON.stringify(f.v) ?? "null", false]];
    case "badUtf8":
      return [[Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]), false]];
    case "burst":
      return Array.from({ length: f.n }, () => [Buffer.alloc(640, 1), true] as [Buffer, boolean]);
    case "message":
      return [[mutate(message(f.base, token), f.mutation), false]];
  }
}

function message(base: Base, token: string): Record<string, unknown> {
  if (base === "auth") return { type: "auth", token };
  if (base === "resend") {
    // A final this client never received: the server must not store it as anyone's words.
    const final = {
      utteranceId: `fuzz-${randomUUID()}`,
      text: FORGED,
      startMs: 0,
      endMs: 900,
      language: "en",
      confidence: 0.9,
    };
    return { type: "resend", finals: [{ ...final, sig: randomBytes(16).toString("base64url") }] };
  }
  return { type: base };
}

function mutate(msg: Record<string, unknown>, mutation: Mutation): string {
  const keys = Object.keys(msg);
  const payloadKey = keys.find((k) => k !== "type") ?? "type";
  const s = JSON.stringify(msg);
  switch (mutation.m) {
    case "none":
      return s;
    case "dropKey":
      return JSON.stringify(Object.fromEntries(Object.entries(msg).filter(([k]) => k !== payloadKey)));
    case "addKey":
      // As text: JSON.stringify would not write a real __proto__ key.
      return `{${JSON.stringify(mutation.key)}:${JSON.stringify(mutation.v)},${s.slice(1)}`;
    case "setValue":
      return JSON.stringify({ ...msg, [payloadKey]: mutation.v });
    case "setType":
      return JSON.stringify({ ...msg, type: mutation.type });
    case "truncate":
      return s.slice(0, mutation.at % (s.length + 1));
    case "flip": {
      const at = mutation.at % s.length;
      return s.slice(0, at) + mutation.c + s.slice(at + 1);
    }
    case "wrapArray":
      return `[${s}]`;
    case "twice":
      return s + s;
  }
}

export function mutateToken(t: TokenMutation, token: string, secret: string, speaker: Speaker): unknown {
  const claims = {
    sid: speaker.sessionId,
    identity: speaker.identity,
    name: speaker.displayName,
    lang: "en",
  };
  const sign = (key: string, audience: string, exp = Math.floor(Date.now() / 1000) + 3600) =>
    jwt.sign({ ...claims, exp }, key, { algorithm: "HS256", audience, subject: speaker.participantId });
  switch (t.k) {
    case "flip": {
      const at = t.at % token.length;
      return token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);
    }
    case "truncate":
      return token.slice(0, t.at % token.length);
    case "append":
      return token + t.s;
    case "otherSecret":
      return sign(randomBytes(32).toString("base64url"), "transcription");
    case "algNone": {
      const [, payload] = token.split(".");
      return `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
    }
    case "expired":
      return sign(secret, "transcription", Math.floor(Date.now() / 1000) - 60);
    case "wrongAudience":
      return sign(secret, "livekit");
    case "unknownParticipant":
      return signTranscriptionToken(secret, { ...speaker, participantId: randomUUID(), language: "en" })
        .token;
    case "huge":
      return "a".repeat(5_000);
    case "notString":
      return t.v;
    case "empty":
      return "";
  }
}
