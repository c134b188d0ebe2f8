import { describe, expect, it } from "vitest";
import { EnvError } from "./parse";
import { loadWebEnv } from "./web";

const base = {
  DATABASE_URL: "postgres://u:p@localhost:5432/rooms",
  NEXTAUTH_SECRET: "s".repeat(32),
  HOST: "127.0.0.1",
};

describe("web env schema", () => {
  it("accepts the minimum and fills defaults", () => {
    const env = loadWebEnv(base);
    expect(env).toMatchObject({
      NODE_ENV: "development",
      DATA_DIR: ".data",
      DATABASE_POOL_MAX: 10,
      devLoginEnabled: true,
    });
  });

  it("knows the recognizer settings the ws process reads, but keeps no Gladia key", () => {
    expect(loadWebEnv(base).captions).toEqual({
      provider: "auto",
      gladiaKey: false,
      localModels: ["tiny.en"],
    });
    const env = loadWebEnv({ ...base, GLADIA_API_KEY: "k", STT_LOCAL_MODELS: "tiny.en,base" });
    expect(env.captions).toEqual({ provider: "auto", gladiaKey: true, localModels: ["tiny.en", "base"] });
    expect(JSON.stringify(env)).not.toContain('"k"');
    expect(() => loadWebEnv({ ...base, STT_LOCAL_MODELS: "large" })).toThrow(/STT_LOCAL_MODELS/);
  });

  it("names every missing or invalid variable in one message", () => {
    let err: unknown;
    try {
      loadWebEnv({ DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short", REDIS_URL: "http://x" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvError);
    const message = (err as Error).message;
    expect(message).toContain("DATABASE_URL: must be a postgres://");
    expect(message).toContain("NEXTAUTH_SECRET: must be at least 32 characters");
    expect(message).toContain("REDIS_URL");
  });

  it("lists the ws instances: TRANSCRIPTION_WS_URLS, else TRANSCRIPTION_WS_URL alone", () => {
    expect(loadWebEnv(base).transcriptionWsUrls).toEqual(["ws://localhost:3001"]);
    expect(loadWebEnv({ ...base, TRANSCRIPTION_WS_URL: "wss://c.example" }).transcriptionWsUrls).toEqual([
      "wss://c.example",
    ]);
    const two = loadWebEnv({ ...base, TRANSCRIPTION_WS_URLS: " ws://a:3001 , wss://b:3002/ws," });
    expect(two.transcriptionWsUrls).toEqual(["ws://a:3001", "wss://b:3002/ws"]);
    expect(() => loadWebEnv({ ...base, TRANSCRIPTION_WS_URLS: "ws://a:3001,http://b" })).toThrow(
      /TRANSCRIPTION_WS_URLS/,
    );
  });

  it("treats empty strings as unset", () => {
    expect(() => loadWebEnv({ ...base, DATABASE_URL: "" })).toThrow(/DATABASE_URL/);
    expect(loadWebEnv({ ...base, REDIS_URL: "" }).REDIS_URL).toBeUndefined();
  });

  it("requires provider settings to come in complete sets", () => {
    expect(() => loadWebEnv({ ...base, GOOGLE_CLIENT_ID: "id" })).toThrow(
      /GOOGLE_CLIENT_SECRET: set together/,
    );
    expect(() => loadWebEnv({ ...base, OIDC_ISSUER: "https://idp.example" })).toThrow(
      /OIDC_ISSUER, OIDC_CLIENT_ID/,
    );
    expect(
      loadWebEnv({
        ...base,
        OIDC_ISSUER: "https://idp.example",
        OIDC_CLIENT_ID: "a",
        OIDC_CLIENT_SECRET: "b",
      }).OIDC_ISSUER,
    ).toBe("https://idp.example");
  });

  it("keeps the dev sign-in off in production unless explicitly enabled", () => {
    expect(loadWebEnv({ ...base, NODE_ENV: "production" }).devLoginEnabled).toBe(false);
    expect(loadWebEnv({ ...base, NODE_ENV: "production", AUTH_DEV_LOGIN: "true" }).devLoginEnabled).toBe(
      true,
    );
    expect(loadWebEnv({ ...base, AUTH_DEV_LOGIN: "false" }).devLoginEnabled).toBe(false);
    expect(() => loadWebEnv({ ...base, AUTH_DEV_LOGIN: "yes" })).toThrow(/AUTH_DEV_LOGIN/);
  });

  it("refuses the dev sign-in on a bind address that is not loopback", () => {
    for (const HOST of ["0.0.0.0", "::", "192.168.1.20", "example.com"]) {
      expect(() => loadWebEnv({ ...base, HOST })).toThrow(/AUTH_DEV_LOGIN: .*loopback bind/);
      expect(() => loadWebEnv({ ...base, HOST, NODE_ENV: "production", AUTH_DEV_LOGIN: "true" })).toThrow(
        EnvError,
      );
    }
    // Unset means `next start` listens on every interface.
    expect(() => loadWebEnv({ ...base, HOST: undefined })).toThrow(/HOST is unset/);
    for (const HOST of ["127.0.0.1", "::1", "localhost"]) {
      expect(loadWebEnv({ ...base, HOST }).devLoginEnabled).toBe(true);
    }
  });

  it("refuses the dev sign-in behind a public URL", () => {
    for (const NEXTAUTH_URL of [
      "https://rooms.example.com",
      "http://10.0.0.5:3000",
      "http://localhost.evil.io",
    ]) {
      expect(() => loadWebEnv({ ...base, NEXTAUTH_URL })).toThrow(/AUTH_DEV_LOGIN: .*NEXTAUTH_URL/);
    }
    expect(loadWebEnv({ ...base, NEXTAUTH_URL: "http://127.0.0.1:4000" }).devLoginEnabled).toBe(true);
    expect(loadWebEnv({ ...base, NEXTAUTH_URL: "http://[::1]:4000" }).devLoginEnabled).toBe(true);
  });

  it("allows any bind and URL once the dev sign-in is off", () => {
    const env = loadWebEnv({
      ...base,
      HOST: "0.0.0.0",
      NEXTAUTH_URL: "https://rooms.example.com",
      NODE_ENV: "production",
    });
    expect(env.devLoginEnabled).toBe(false);
    expect(
      loadWebEnv({ ...base, HOST: "0.0.0.0", NEXTAUTH_URL: "https://r.example", AUTH_DEV_LOGIN: "false" })
        .devLoginEnabled,
    ).toBe(false);
  });

  it("validates trusted proxies", () => {
    expect(loadWebEnv({ ...base, TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8" }).TRUSTED_PROXIES).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
    ]);
    expect(() => loadWebEnv({ ...base, TRUSTED_PROXIES: "not-an-ip" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadWebEnv({ ...base, TRUSTED_PROXIES: "10.0.0.1", TRUSTED_PROXY_HOPS: "1" })).toThrow(
      /not both/,
    );
  });
});
