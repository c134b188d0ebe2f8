import fc from "fast-check";

/**
 * What the ws fuzz sends, as data (fast-check arbitraries sampled from a seed): frames before any
 * auth, auth messages with mutated tokens, and random or mutated protocol messages after a real
 * auth. The runner (ws-fuzz.ts) turns them into bytes, since a valid token is minted at run time.
 */

export type Frame =
  | { t: "binary"; size: number; pattern: number[] }
  | { t: "text"; s: string }
  | { t: "json"; v: unknown }
  | { t: "badUtf8" }
  | { t: "burst"; n: number }
  | { t: "message"; base: Base; mutation: Mutation };

export type Base = "auth" | "pause" | "resume" | "resend";
export type Mutation =
  | { m: "none" }
  | { m: "dropKey" }
  | { m: "addKey"; key: string; v: unknown }
  | { m: "setValue"; v: unknown }
  | { m: "setType"; type: unknown }
  | { m: "truncate"; at: number }
  | { m: "flip"; at: number; c: string }
  | { m: "wrapArray" }
  | { m: "twice" };

export type TokenMutation =
  | { k: "flip"; at: number }
  | { k: "truncate"; at: number }
  | { k: "append"; s: string }
  | { k: "otherSecret" }
  | { k: "algNone" }
  | { k: "expired" }
  | { k: "wrongAudience" }
  | { k: "unknownParticipant" }
  | { k: "huge" }
  | { k: "notString"; v: unknown }
  | { k: "empty" };

export type WsCase =
  | { phase: "beforeAuth"; frames: Frame[] }
  | { phase: "badAuth"; token: TokenMutation; frames: Frame[] }
  | { phase: "afterAuth"; frames: Frame[] };

const SIZES = [0, 1, 2, 98, 99, 100, 101, 640, 5120, 5121, 64 * 1024, 64 * 1024 + 1, 64 * 1024 + 2, 600_000];

const binary = fc.record({
  t: fc.constant("binary" as const),
  size: fc.oneof(
    fc.constantFrom(...SIZES),
    fc.integer({ min: 0, max: 70_000 }),
    fc.constant(1024 * 1024 + 2),
  ),
  pattern: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }),
});

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ m: "none" as const }),
  fc.constant({ m: "dropKey" as const }),
  fc.record({
    m: fc.constant("addKey" as const),
    key: fc.constantFrom("__proto__", "extra", "type", "token", "finals"),
    v: fc.jsonValue(),
  }),
  fc.record({ m: fc.constant("setValue" as const), v: fc.jsonValue() }),
  fc.record({
    m: fc.constant("setType" as const),
    type: fc.oneof(fc.constantFrom("AUTH", "audio", "", "ready", "transcript", null, 0), fc.string()),
  }),
  fc.record({ m: fc.constant("truncate" as const), at: fc.nat({ max: 400 }) }),
  fc.record({
    m: fc.constant("flip" as const),
    at: fc.nat({ max: 400 }),
    c: fc.string({ minLength: 1, maxLength: 1 }),
  }),
  fc.constant({ m: "wrapArray" as const }),
  fc.constant({ m: "twice" as const }),
);

const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 3, arbitrary: binary },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("text" as const),
      s: fc.string({ unit: "grapheme", maxLength: 300 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("json" as const), v: fc.jsonValue() }) },
  { weight: 1, arbitrary: fc.constant({ t: "badUtf8" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant("burst" as const), n: fc.integer({ min: 45, max: 80 }) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant("message" as const),
      base: fc.constantFrom<Base>("auth", "pause", "resume", "resend"),
      mutation,
    }),
  },
);

const frames = fc.array(frame, { minLength: 1, maxLength: 5 });

const tokenMutation: fc.Arbitrary<TokenMutation> = fc.oneof(
  fc.record({ k: fc.constant("flip" as const), at: fc.nat({ max: 300 }) }),
  fc.record({ k: fc.constant("truncate" as const), at: fc.nat({ max: 300 }) }),
  fc.record({ k: fc.constant("append" as const), s: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.constantFrom<TokenMutation>(
    { k: "otherSecret" },
    { k: "algNone" },
    { k: "expired" },
    { k: "wrongAudience" },
    { k: "unknownParticipant" },
    { k: "huge" },
    { k: "empty" },
  ),
  fc.record({ k: fc.constant("notString" as const), v: fc.jsonValue() }),
);

export const wsCase: fc.Arbitrary<WsCase> = fc.oneof(
  fc.record({ phase: fc.constant("beforeAuth" as const), frames }),
  fc.record({
    phase: fc.constant("badAuth" as const),
    token: tokenMutation,
    frames: fc.array(frame, { maxLength: 3 }),
  }),
  { weight: 2, arbitrary: fc.record({ phase: fc.constant("afterAuth" as const), frames }) },
);

/** The cases for `seed`: the same seed and count always give the same list. */
export function sampleWsCases(seed: number, count: number): WsCase[] {
  return fc.sample(wsCase, { seed, numRuns: count });
}
