import { describe, expect, it } from "vitest";
import {
  logLevel,
  port,
  positiveNumber,
  postgresUrl,
  redisUrl,
  secret,
  sttLocalModels,
  sttProvider,
  wsUrl,
} from "./fields";

describe("shared env field rules", () => {
  it("accepts postgres URLs only, and says where one comes from", () => {
    expect(postgresUrl().safeParse("postgresql://u:p@h/db").success).toBe(true);
    const bad = postgresUrl("or unset for the embedded database").safeParse("mysql://h/db");
    expect(bad.error?.issues[0]?.message).toBe(
      "must be a postgres:// or postgresql:// URL (or unset for the embedded database)",
    );
  });

  it("tells redis and ws URLs from other schemes", () => {
    expect(redisUrl().safeParse("rediss://h:6380").success).toBe(true);
    expect(redisUrl().safeParse("http://h").success).toBe(false);
    expect(wsUrl().safeParse("wss://captions.example.com").success).toBe(true);
    expect(wsUrl().safeParse("https://captions.example.com").success).toBe(false);
  });

  it("wants 32 characters in a secret", () => {
    expect(secret().safeParse("x".repeat(32)).success).toBe(true);
    expect(secret().safeParse("x".repeat(31)).error?.issues[0]?.message).toMatch(/at least 32 characters/);
  });

  it("coerces ports, defaults them, and allows 0 only when asked", () => {
    expect(port(3001).parse(undefined)).toBe(3001);
    expect(port(3001).parse("3412")).toBe(3412);
    expect(port(3001).safeParse("0").success).toBe(false);
    expect(port(3001, { allowZero: true }).parse("0")).toBe(0);
    expect(port(3001).safeParse("65536").success).toBe(false);
    expect(port(3001).safeParse("30.5").success).toBe(false);
  });

  it("checks positive numbers and log levels", () => {
    expect(positiveNumber(0.5).parse("0.25")).toBe(0.25);
    expect(positiveNumber(0.5).safeParse("0").success).toBe(false);
    expect(positiveNumber(1, 10).safeParse("11").success).toBe(false);
    expect(logLevel().parse(undefined)).toBe("info");
    expect(logLevel().safeParse("verbose").success).toBe(false);
  });
});

describe("speech-to-text fields shared by web and ws", () => {
  it("reads STT_LOCAL_MODELS as a list of known models, tiny.en by default", () => {
    expect(sttLocalModels().parse(undefined)).toEqual(["tiny.en"]);
    expect(sttLocalModels().parse(" tiny.en, BASE ,base")).toEqual(["tiny.en", "base"]);
    expect(sttLocalModels().safeParse("large-v3").error?.issues[0]?.message).toMatch(/tiny\.en, base/);
    expect(sttLocalModels().safeParse(" , ").success).toBe(false);
  });

  it("knows the whisper provider and defaults to auto", () => {
    expect(sttProvider().parse(undefined)).toBe("auto");
    expect(sttProvider().parse("whisper")).toBe("whisper");
    expect(sttProvider().safeParse("vosk").success).toBe(false);
  });
});
