import { describe, expect, it } from "vitest";
import { loadWebEnv } from "@/lib/env/web";
import { loadRecorderEnv } from "../../../../../recorder/env";
import { localRecorderKnobs } from "./recorder-from-env";

const base = {
  DATABASE_URL: "postgres://u:p@localhost:5432/rooms",
  NEXTAUTH_SECRET: "s".repeat(32),
  HOST: "127.0.0.1",
};
const livekit = { LIVEKIT_URL: "wss://lk.example", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" };

describe("local recorder settings", () => {
  it("hands the RECORDER_* settings from the web's environment to the recorder process", () => {
    const web = loadWebEnv({ ...base, RECORDER_WIDTH: "640", RECORDER_HEIGHT: "360", RECORDER_FPS: "10" });
    const recorder = loadRecorderEnv({
      ...livekit,
      DATABASE_URL: base.DATABASE_URL,
      ...localRecorderKnobs(web),
    });
    expect(recorder).toMatchObject({
      RECORDER_WIDTH: 640,
      RECORDER_HEIGHT: 360,
      RECORDER_FPS: 10,
      RECORDER_VIDEO_KBPS: 1500,
    });
    expect(() => loadWebEnv({ ...base, RECORDER_WIDTH: "641" })).toThrow(/RECORDER_WIDTH/);
  });
});
