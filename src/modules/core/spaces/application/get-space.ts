import type { Executor } from "@/lib/db/client";
import type { Space, SpaceMember, SpaceRole } from "../domain/space";
import { findSpace, listMembers } from "../infra/space-repository";
import { requireMembership, spaceNotFound } from "./access";

export type SpaceView = Space & { role: SpaceRole; members: SpaceMember[] };

export async function getSpace(db: Executor, input: { userId: string; spaceId: string }): Promise<SpaceView> {
  const role = await requireMembership(db, input.spaceId, input.userId);
  const space = await findSpace(db, input.spaceId);
  if (!space) throw spaceNotFound();
  return { ...space, role, members: await listMembers(db, input.spaceId) };
}
