import { describe, expect, it } from "vitest";
import { databaseUnavailable } from "./unavailable";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("databaseUnavailable", () => {
  it.each([
    ["refused", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["reset", withCode("read ECONNRESET", "ECONNRESET")],
    ["admin shutdown", withCode("terminating connection due to administrator command", "57P01")],
    ["starting up", withCode("the database system is starting up", "57P03")],
    ["connection failure", withCode("connection failure", "08006")],
    ["statement timeout", withCode("canceling statement due to statement timeout", "57014")],
    ["pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["client connect timeout", new Error("Connection terminated due to connection timeout")],
    ["read timeout", new Error("Query read timeout")],
    ["lost connection", new Error("Connection terminated unexpectedly")],
    [
      "happy-eyeballs refusal",
      Object.assign(new AggregateError([withCode("x", "ECONNREFUSED")], ""), { code: "ECONNREFUSED" }),
    ],
    ["wrapped by drizzle", new Error("Failed query: select 1", { cause: withCode("x", "ECONNREFUSED") })],
  ])("maps %s to a 503 database_unavailable", (_, err) => {
    const mapped = databaseUnavailable(err);
    expect(mapped).toMatchObject({ code: "database_unavailable", kind: "unavailable" });
    expect(mapped!.userMessage).not.toContain("127.0.0.1");
  });

  it.each([
    ["a unique violation", withCode("duplicate key", "23505")],
    ["a syntax error", withCode("syntax error", "42601")],
    ["a plain bug", new TypeError("x is undefined")],
    ["a media server that is down", new TypeError("fetch failed", { cause: withCode("x", "ECONNREFUSED") })],
    ["not an error", "ECONNREFUSED"],
  ])("leaves %s alone", (_, err) => {
    expect(databaseUnavailable(err)).toBeNull();
  });
});
