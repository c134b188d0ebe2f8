import type { Db } from "@/lib/db/client";
import { enqueueAnalysis } from "@/modules/core/analysis/application/enqueue-analysis";
import { analysisQueueFromEnv } from "@/modules/core/analysis/infra/analysis-queue-from-env";
import { webhookEvents } from "@/lib/db/schema/webhooks";
import { webEnv } from "@/lib/env/web";
import { log } from "@/server/logger";
import { applyEgressReport } from "@/modules/core/recording/application/apply-egress-report";
import { stopSessionRecordings } from "@/modules/core/recording/application/stop-session-recordings";
import { egressOutputFromEnv, recorderFromEnv } from "@/modules/core/recording/infra/recorder-from-env";
import { UnauthenticatedError } from "@/modules/core/shared/domain/errors";
import { markJoined, markLeft } from "../infra/participant-repository";
import { findSessionById, markEnded, markLive, touchSession } from "../infra/session-repository";
import { closeRoom } from "./close-room";
import type { MediaEvent, MediaServer } from "./media-server";

export type WebhookOutcome = "applied" | "duplicate" | "ignored" | "room_closed";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies a verified LiveKit webhook. Each delivery id is recorded in the same transaction as its
 * effect, so a redelivery is recognised and changes nothing; effects are also guarded by time so
 * out-of-order deliveries cannot revive a participant who has left.
 */
export async function handleMediaWebhook(
  db: Db,
  media: MediaServer,
  input: { rawBody: string; authorization: string | null },
): Promise<WebhookOutcome> {
  let event: MediaEvent;
  try {
    event = await media.receiveWebhook(input.rawBody, input.authorization);
  } catch (err) {
    const e = new UnauthenticatedError("The webhook signature is missing or invalid.");
    e.cause = err;
    throw e;
  }
  // Egress events concern a recording, not the room's people: the recording module applies them
  // (its transitions are idempotent and forward-only, so redeliveries change nothing).
  if (event.egress) {
    const { applied } = await applyEgressReport(db, egressOutputFromEnv(webEnv()), {
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
  if (ended && outcome === "applied") {
    await stopSessionRecordings(db, { recorder: recorderFromEnv(webEnv(), db), log: log() }, roomId);
    await enqueueAnalysis(db, { queue: analysisQueueFromEnv(), log: log() }, roomId);
  }
  return outcome;
}
