import { describe, expect, it } from "vitest";
import { closeRoom } from "./close-room";
import type { MediaServer } from "./media-server";

function media(failures: number) {
  const calls: string[] = [];
  const server = {
    async deleteRoom(room: string) {
      calls.push(room);
      if (calls.length <= failures) throw new Error(`attempt ${calls.length} failed`);
    },
  } as unknown as MediaServer;
  return { server, calls };
}

describe("closeRoom", () => {
  it("retries until the delete succeeds", async () => {
    const { server, calls } = media(2);
    await closeRoom(server, "r", [0, 0, 0]);
    expect(calls).toEqual(["r", "r", "r"]);
  });

  it("throws the last error once the retries are used up", async () => {
    const { server, calls } = media(Infinity);
    await expect(closeRoom(server, "r", [0, 0])).rejects.toThrow("attempt 3 failed");
    expect(calls).toHaveLength(3);
  });
});
