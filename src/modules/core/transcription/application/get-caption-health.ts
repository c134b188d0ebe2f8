import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { sessionForMetricsReader } from "./session-metrics-access";
import { healthByParticipant, type ParticipantHealthRow } from "../infra/health-repository";

export type ParticipantCaptionHealth = Omit<ParticipantHealthRow, "clientReportedAt"> & {
  /** Server-received ÷ browser-sent audio; null until the browser has reported any audio. */
  completeness: number | null;
  clientReportedAt: string | null;
};

/**
 * How complete each participant's captions are, for the host: the audio the ws server metered
 * against the audio the browser says it sent. Both totals are cumulative but saved on different
 * clocks (server every few seconds, browser every 15 s), so a running call reads a little off 1
 * either way; a stream that loses audio falls clearly below it. Readers as for usage: the
 * session's host, the space's owners/admins, site admins; everyone else gets the no-session 404.
 */
export async function getCaptionHealth(
  db: Executor,
  input: { slug: string; user: SessionUser; adminEmails?: readonly string[] },
): Promise<{ participants: ParticipantCaptionHealth[] }> {
  const session = await sessionForMetricsReader(db, input);
  const rows = await healthByParticipant(db, session.id);
  return {
    participants: rows.map((r) => ({
      ...r,
      completeness:
        r.clientAudioSecondsSent > 0
          ? Math.round((r.serverAudioSeconds / r.clientAudioSecondsSent) * 1000) / 1000
          : null,
      clientReportedAt: r.clientReportedAt?.toISOString() ?? null,
    })),
  };
}
