import { describe, expect, it } from "vitest";
import { loadWebEnv } from "./web";

const base = {
  DATABASE_URL: "postgres://u:p@localhost:5432/rooms",
  NEXTAUTH_SECRET: "s".repeat(32),
  HOST: "127.0.0.1",
};
const livekit = { LIVEKIT_URL: "wss://lk.example", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" };

describe("recording env", () => {
  it("defaults to the local recorder", () => {
    expect(loadWebEnv(base)).toMatchObject({
      RECORDER: "local",
      RECORDING_EGRESS_DIR: "/out/recordings",
      RECORDING_S3_PREFIX: "recordings",
      RECORDING_S3_FORCE_PATH_STYLE: false,
    });
  });
  it("egress needs LiveKit", () => {
    expect(() => loadWebEnv({ ...base, RECORDER: "egress" })).toThrow(/RECORDER.*LIVEKIT_URL/s);
    expect(loadWebEnv({ ...base, ...livekit, RECORDER: "egress" }).RECORDER).toBe("egress");
  });
  it("takes the S3 bucket, key and secret together, and checks the endpoint and prefix", () => {
    expect(() => loadWebEnv({ ...base, RECORDING_S3_BUCKET: "b" })).toThrow(/set together/);
    const env = loadWebEnv({
      ...base,
      RECORDING_S3_BUCKET: "b",
      RECORDING_S3_ACCESS_KEY: "k",
      RECORDING_S3_SECRET: "s",
      RECORDING_S3_FORCE_PATH_STYLE: "true",
    });
    expect(env.RECORDING_S3_FORCE_PATH_STYLE).toBe(true);
    expect(() => loadWebEnv({ ...base, RECORDING_S3_ENDPOINT: "not a url" })).toThrow(
      /RECORDING_S3_ENDPOINT/,
    );
    expect(() => loadWebEnv({ ...base, RECORDING_S3_PREFIX: "/abs/../x" })).toThrow(/RECORDING_S3_PREFIX/);
    expect(() => loadWebEnv({ ...base, RECORDING_EGRESS_DIR: "relative" })).toThrow(/RECORDING_EGRESS_DIR/);
  });
});
