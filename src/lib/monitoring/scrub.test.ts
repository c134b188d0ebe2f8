import type { ErrorEvent } from "@sentry/core";
import { describe, expect, it } from "vitest";
import { scrubBreadcrumb, scrubEvent, scrubText, scrubUrl, scrubValue } from "./scrub";

const EMAILS = ["user@example.com", "Zoë.Müller+rooms@sub.example.co.uk", "a_b-c%d@xn--80ak6aa92e.com"];

describe("scrubText", () => {
  it.each(EMAILS)("removes the email %s", (email) => {
    const out = scrubText(`boom ${email}, again <${email}>`);
    expect(out).not.toContain(email);
    expect(out).toContain("[email]");
  });

  it("drops a failed query's parameters, whatever they hold", () => {
    const msg =
      'Failed query: insert into "spaces" ("name", "owner") values ($1, $2)\nparams: Alice Liddell,Secret plan for Q3';
    const out = scrubText(msg);
    expect(out).not.toMatch(/Alice|Secret plan/);
    expect(out).toContain("Failed query: insert into");
  });

  it("drops quoted values PostgreSQL puts in messages", () => {
    expect(scrubText('invalid input syntax for type uuid: "Bob Smith said hi"')).toBe(
      'invalid input syntax for type uuid: "…"',
    );
    expect(scrubText('Key (email)=("x\\"y@z") exists')).not.toContain("x\\");
  });

  it("drops credentials and query values but keeps paths", () => {
    const out = scrubText(
      "GET /s/abc/transcript?segment=123&q=alice%40example.com#frag Authorization: Bearer abc.def-ghi eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
    );
    expect(out).toContain("/s/abc/transcript?segment=[redacted]&q=[redacted]");
    expect(out).not.toMatch(/alice|abc\.def|eyJ/);
    expect(out).toContain("Bearer [redacted]");
  });

  it("leaves a plain message alone", () => {
    expect(scrubText("Cannot read properties of undefined (reading 'x')")).toBe(
      "Cannot read properties of undefined (reading 'x')",
    );
  });
});

describe("scrubUrl", () => {
  it("drops the fragment and query values", () => {
    expect(scrubUrl("https://rooms.test/s/x?token=abc#name=Alice")).toBe(
      "https://rooms.test/s/x?token=[redacted]",
    );
  });
});

describe("scrubValue", () => {
  it("drops sensitive keys at any depth, cleans strings, survives cycles by depth", () => {
    const cyclic: Record<string, unknown> = { level: 1 };
    cyclic.self = cyclic;
    const out = scrubValue({
      user: { displayName: "Alice", email: "a@b.co", id: "u1" },
      segment: { text: "we fire Bob on Friday", id: "s1" },
      list: ["call me at c@d.io", 3, null],
      headers: { Authorization: "Bearer x", Cookie: "next-auth.session-token=abc" },
      cyclic,
    }) as Record<string, unknown>;
    const json = JSON.stringify(out);
    expect(json).not.toMatch(/Alice|a@b\.co|fire Bob|c@d\.io|Bearer x|session-token=abc/);
    expect(json).toContain('"id":"u1"');
    expect(json).toContain('"id":"s1"');
  });
});

describe("scrubEvent", () => {
  const event = (): ErrorEvent => ({
    type: undefined,
    message: "failed for carol@example.com",
    user: { id: "u-1", email: "carol@example.com", username: "Carol", ip_address: "10.0.0.1" },
    request: {
      method: "POST",
      url: "https://rooms.test/api/spaces?name=Carol",
      query_string: "name=Carol",
      data: { name: "Carol's space", transcript: "hello" },
      cookies: { "next-auth.session-token": "secret-cookie" },
      headers: {
        cookie: "next-auth.session-token=secret-cookie",
        authorization: "Bearer secret-token",
        "user-agent": "Mozilla/5.0",
        "x-forwarded-for": "10.0.0.1",
      },
    },
    extra: { transcriptLine: { text: "the merger closes Monday" }, count: 2 },
    contexts: {
      runtime: { name: "node", version: "20" },
      meeting: { participantName: "Dave", segments: [{ text: "Dave's secret" }] },
    },
    tags: { path: "/s/abc?x=Dave" },
    breadcrumbs: [
      { category: "console", message: "caption: the merger closes Monday", data: { arguments: ["Dave"] } },
      { category: "ui.click", message: 'button.mute[aria-label="Mute Dave Jones"]' },
      { category: "fetch", data: { url: "/api/x?email=dave@example.com", method: "GET" } },
    ],
    exception: {
      values: [
        {
          type: "Error",
          value: "boom user@example.com",
          stacktrace: {
            frames: [
              { filename: "https://rooms.test/_next/a.js?v=1", vars: { name: "Dave" }, lineno: 1 },
              {
                filename: "app.js",
                pre_context: ['const who = "Dave Jones";'],
                context_line: 'throw new Error(`no ${"dave@example.com"}`);',
                post_context: ['log("Dave");'],
              },
            ],
          },
        },
      ],
    },
  });

  it("sends nothing personal", () => {
    const json = JSON.stringify(scrubEvent(event()));
    for (const secret of [
      "carol@example.com",
      "Carol",
      "10.0.0.1",
      "secret-cookie",
      "secret-token",
      "merger",
      "Dave",
      "user@example.com",
    ]) {
      expect(json, secret).not.toContain(secret);
    }
  });

  it("keeps what is needed to debug", () => {
    const out = scrubEvent(event());
    expect(out.user).toEqual({ id: "u-1" });
    expect(out.exception?.values?.[0]?.value).toBe("boom [email]");
    expect(out.exception?.values?.[0]?.stacktrace?.frames?.[0]).toEqual({
      filename: "https://rooms.test/_next/a.js?v=[redacted]",
      lineno: 1,
    });
    expect(out.exception?.values?.[0]?.stacktrace?.frames?.[1]?.context_line).toBe(
      'throw new Error(`no ${"…"}`);',
    );
    expect(out.request).toEqual({
      method: "POST",
      url: "https://rooms.test/api/spaces?name=[redacted]",
      headers: { "user-agent": "Mozilla/5.0" },
    });
    expect(out.contexts?.runtime).toEqual({ name: "node", version: "20" });
    expect(out.extra?.count).toBe(2);
  });

  it("does not change the event it was given", () => {
    const original = event();
    const copy = structuredClone(original);
    scrubEvent(original);
    expect(original).toEqual(copy);
  });
});

describe("scrubBreadcrumb", () => {
  it("blanks console output and selector attribute values", () => {
    expect(scrubBreadcrumb({ category: "console", message: "hi Eve", data: { arguments: ["Eve"] } })).toEqual(
      {
        category: "console",
        message: "[redacted]",
      },
    );
    expect(scrubBreadcrumb({ category: "ui.click", message: 'li[title="Eve Adams"]' })?.message).toBe(
      'li[title="…"]',
    );
  });
});
