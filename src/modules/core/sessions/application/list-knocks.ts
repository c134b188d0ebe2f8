import type { Db } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import type { Knock } from "../domain/knock";
import { listWaitingKnocks } from "../infra/knock-repository";
import { sessionForAdmitter } from "./lobby-access";

/** The guests waiting in a session's lobby, oldest first: for the host and space admins only. */
export async function listKnocks(db: Db, input: { slug: string; user: SessionUser }): Promise<Knock[]> {
  const session = await sessionForAdmitter(db, input);
  return listWaitingKnocks(db, session.id);
}
