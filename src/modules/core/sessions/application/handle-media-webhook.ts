import { webhookEvents } from "@/lib/db/schema/webhooks";
import { applyEgressReport } from "@/modules/core/recording";
import type { EgressOutput } from "@/modules/core/recording/domain/egress-output";
import { UnauthenticatedError } from "@/modules/core/shared/domain/errors";
import { markJoined, markLeft } from "../infra/participant-repository";
import { findSessionById, markEnded, markLive, touchSession } from "../infra/session-repository";
import { closeRoom } from "./close-room";
import type { MediaEvent, MediaServer } from "./media-server";
import { sessionEnded, type SessionEndedDeps } from "./session-ended";

export type WebhookOutcome = "applied" | "duplicate" | "ignored" | "room_closed";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies a verified LiveKit webhook. Each delivery id is recorded in the same transaction as its
 * effect, so a redelivery is recognised and changes nothing; effects are also guarded by time so
 * out-of-order deliveries cannot revive a participant who has left.
 */
export async function handleMediaWebhook(
  deps: SessionEndedDeps & { media: MediaServer; egressOutput: EgressOutput },
  input: { rawBody: string; authorization: string | null },
): Promise<WebhookOutcome> {
  const { db, media } = deps;
  let event: MediaEvent;
  try {
    event = await media.receiveWebhook(input.rawBody, input.authorization);
  } catch (err) {
    throw new UnauthenticatedError("The webhook signature is missing or invalid.", { cause: err });
  }
  // Egress events concern a recording, not the room's people: the recording module applies them
  // (its transitions are idempotent and forward-only, so redeliveries change nothing).
  if (event.egress) {
    const { applied } = await applyEgressReport(db, deps.egressOutput, {
      report: event.egress,
      at: event.createdAt,
    });
    return applied ? "applied" : "ignored";
  }
  if (!event.room || !UUID.test(event.room)) return "ignored";
  const roomId = event.room;
  let ended = false;

  const outcome = await db.transaction(async (tx): Promise<WebhookOutcome> => {
    const session = await findSessionById(tx, roomId);
    if (!session) return "ignored";
    // The room of an ended session is alive again (a join racing the end, or a delete that
    // failed): nothing to record, the room goes.
    if (session.status === "ENDED" && event.event !== "room_finished") return "room_closed";
    const fresh = await tx
      .insert(webhookEvents)
      .values({ id: event.id, event: event.event })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (fresh.length === 0) return "duplicate";

    const at = event.createdAt;
    switch (event.event) {
      case "room_started":
        await markLive(tx, session.id, at);
        break;
      case "room_finished":
        ended = await markEnded(tx, session.id, at);
        break;
      case "participant_joined":
        if (event.participantIdentity) await markJoined(tx, session.id, event.participantIdentity, at);
        await touchSession(tx, session.id, at);
        break;
      case "participant_left":
        if (event.participantIdentity) await markLeft(tx, session.id, event.participantIdentity, at);
        await touchSession(tx, session.id, at);
        break;
      default:
        await touchSession(tx, session.id, at);
    }
    return "applied";
  });
  if (outcome === "room_closed") await closeRoom(media, roomId);
  // After the commit: the job must not run before the session reads as ended.
  if (ended && outcome === "applied") await sessionEnded(deps, { id: roomId }, "finished");
  return outcome;
}
