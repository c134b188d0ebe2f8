import { describe, expect, it } from "vitest";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { createSpaceEndpoint, listSpacesEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { call, makeUser } from "../support/api";
import { expectReply } from "../support/contract";

describe("replies are read through their contract (expectReply)", () => {
  it("passes a reply that matches and fails one that drifts", async () => {
    const user = await makeUser("Cora Contract");
    const created = await call(createSpaceEndpoint, { user, json: { name: "Contracts" } });
    const { space } = expectReply(created, spacesApi.create);
    expect(space).toMatchObject({ name: "Contracts", role: "OWNER", memberCount: 1 });

    const list = await call(listSpacesEndpoint, { user });
    expect(expectReply(list, spacesApi.list).spaces.map((s) => s.id)).toContain(space.id);

    // A field the contract does not name (something leaking), one it lost, one of the wrong type.
    const drifted = [
      { spaces: [{ ...space, ownerEmail: user.email }] },
      { spaces: [{ ...space, memberCount: undefined }] },
      { spaces: [{ ...space, createdAt: 1733400000000 }] },
    ];
    for (const json of drifted) {
      const res = { ...list, json, text: JSON.stringify(json) };
      expect(() => expectReply(res, spacesApi.list)).toThrow(/does not match its contract/);
    }
    // The right shape with another status (a 201 where the contract says 200) fails too.
    expect(() => expectReply({ ...list, status: 201 }, spacesApi.list)).toThrow(/expected 200, got 201/);
  });
});
