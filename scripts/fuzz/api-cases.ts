import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";

/**
 * What the API fuzz sends: fast-check arbitraries for hostile request bodies, content types and
 * path parameters. Generated with `fc.sample` from a seed, so a printed seed replays every case.
 */

/** `oversize`: a body of that many bytes, built when sent (thousands of them would not fit in memory). */
export type BodyCase = {
  kind: string;
  body: string | Uint8Array<ArrayBuffer> | undefined;
  oversize?: number;
};
export type ParamCase = { kind: "valid" } | { kind: "bad"; value: string };
export type ApiCase = {
  route: number;
  method: number;
  caller: "owner" | "member" | "anonymous";
  contentType: string | null;
  params: ParamCase;
  body: BodyCase;
};

// Strings that have broken parsers, databases and renderers elsewhere: NUL, bidi overrides,
// zero-width characters, lone surrogates, combining marks, RTL text, HTML and SQL.
const NASTY = [
  "\u0000",
  "a\u0000b",
  "\u202e\u2066evil\u2069",
  "\u200b\u200c\u200d\ufeff",
  "\ud800",
  "\udfff\ud800",
  "e\u0301\u0301\u0301\u0301",
  "مرحبا",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "${7*7}",
  "%ff",
  "\r\n\r\n",
  "🏳️‍🌈".repeat(50),
];

export const BAD_PARAMS = [
  "%ff",
  "%",
  "..",
  "../../etc/passwd",
  ".",
  "",
  " ",
  "x".repeat(10_000),
  "\u0000",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "abc-defg-hij",
  "' or 1=1 --",
  "\u202e",
];

export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  "application/webhook+json",
  "application/x-sentry-envelope",
  "",
  null,
];

/** Every field name the request schemas declare (`name: z.…`), so a new field gets fuzzed too. */
export function schemaKeys(root: string): string[] {
  const keys = new Set<string>(["type", "id", "role", "email", "name", "title", "status"]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith(".test.ts")) {
        for (const m of readFileSync(p, "utf8").matchAll(/(\w+):\s*z\./g)) keys.add(m[1]!);
      }
    }
  };
  walk(path.join(root, "src/modules"));
  walk(path.join(root, "src/i18n"));
  return [...keys].sort();
}

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => "A".repeat(n)),
);

const scalar = fc.oneof(
  nastyString,
  fc.constantFrom(0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308, true, false, null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

function value(keys: string[]) {
  return fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc.array(tie("v"), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom(...keys), tie("v"), { maxKeys: 4 }),
    ),
  })).v;
}

const deep = fc
  .tuple(fc.integer({ min: 500, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
  );

export function bodyArbitrary(keys: string[]): fc.Arbitrary<BodyCase> {
  const shaped = fc.dictionary(fc.constantFrom(...keys), value(keys), { minKeys: 1, maxKeys: 6 });
  return fc.oneof(
    shaped.map((o) => ({ kind: "shaped", body: JSON.stringify(o) })),
    fc.jsonValue().map((v) => ({ kind: "json", body: JSON.stringify(v) })),
    shaped.chain((o) =>
      fc
        .nat({ max: Math.max(0, JSON.stringify(o).length - 1) })
        .map((n) => ({ kind: "truncated", body: JSON.stringify(o).slice(0, n) })),
    ),
    fc.string({ maxLength: 200 }).map((s) => ({ kind: "text", body: s })),
    deep.map((s) => ({ kind: "deep", body: s })),
    shaped.map((o) => ({
      kind: "proto",
      // Written as text: JSON.stringify would drop a real __proto__ key.
      body: `{"__proto__":{"polluted":"yes","role":"OWNER"},"constructor":{"prototype":{"polluted":"yes"}},${JSON.stringify(o).slice(1)}`,
    })),
    fc
      .integer({ min: 16 * 1024 + 1, max: 2 * 1024 * 1024 })
      .map((n) => ({ kind: "oversized", body: undefined, oversize: n })),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({ kind: "bytes", body: new Uint8Array(b) })),
    fc.constant({ kind: "invalid-utf8", body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }),
    fc.constant({ kind: "empty", body: undefined }),
  );
}

export function caseArbitrary(routes: { methods: string[] }[], keys: string[]): fc.Arbitrary<ApiCase> {
  return fc.integer({ min: 0, max: routes.length - 1 }).chain((route) =>
    fc.record({
      route: fc.constant(route),
      method: fc.integer({ min: 0, max: routes[route]!.methods.length - 1 }),
      caller: fc.constantFrom("owner", "owner", "owner", "member", "anonymous"),
      contentType: fc.oneof(
        { weight: 3, arbitrary: fc.constant("application/json") },
        { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      ),
      params: fc.oneof(
        { weight: 4, arbitrary: fc.constant({ kind: "valid" as const }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...BAD_PARAMS).map((value) => ({ kind: "bad" as const, value })),
        },
      ),
      body: bodyArbitrary(keys),
    }),
  );
}

export function bodyOf(c: BodyCase): string | Uint8Array<ArrayBuffer> | undefined {
  return c.oversize === undefined ? c.body : `{"name":"${"x".repeat(c.oversize)}"}`;
}

/**
 * The cases for `seed`, made 100 at a time (held all at once, 10,000 cases of huge strings would
 * be the biggest thing in the heap the run measures). The same seed and count give the same cases.
 */
export function* sampleCases(routes: { methods: string[] }[], keys: string[], seed: number, count: number) {
  const arbitrary = caseArbitrary(routes, keys);
  for (let batch = 0; batch * 100 < count; batch++) {
    const batchSeed = (seed * 1_000_003 + batch) | 0;
    yield* fc.sample(arbitrary, { seed: batchSeed, numRuns: Math.min(100, count - batch * 100) });
  }
}
