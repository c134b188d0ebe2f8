import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { sessionForMetricsReader } from "./session-metrics-access";
import { healthByParticipant, type ParticipantHealthRow } from "../infra/health-repository";

export type ParticipantCaptionHealth = Omit<
  ParticipantHealthRow,
  "clientReportedAt" | "joinedAt" | "leftAt" | "serverUpdatedAt"
> & {
  /** Server-received ÷ browser-sent audio; null until the browser has reported any audio. */
  completeness: number | null;
  clientReportedAt: string | null;
  /** The browser claimed more audio than the time it was in the call; the figure shown is capped. */
  clientAudioCapped: boolean;
};

/**
 * The figures that come from the participant's own browser (and so may be wrong or made up):
 * the API names them so no reader takes them for the server's measurement.
 */
export const CLIENT_REPORTED_FIELDS = [
  "clientAudioSecondsSent",
  "completeness",
  "reconnects",
  "errors",
  "lastError",
  "clientReportedAt",
] as const;

/**
 * How complete each participant's captions are, for the host: the audio the ws server metered
 * against the audio the browser says it sent. Both totals are cumulative but saved at different
 * moments (server every few seconds, browser every 15 s): compared as saved, a running stream read
 * up to 15 s of audio "received but not yet sent" — over 100 % (issue 18). So the server's total is
 * taken back to the browser's last save (audio arrives in real time: at most the seconds between
 * the two saves came after it), and the ratio, received ÷ sent, never exceeds 1; a stream that
 * loses audio falls clearly below it. The browser's total is its own
 * word: it is capped at the wall time (server clock) from the participant's first join to their
 * last leave or now, and marked client-reported. Readers as for usage: the session's host, the
 * space's owners/admins, site admins; everyone else gets the no-session 404.
 */
export async function getCaptionHealth(
  db: Executor,
  input: { slug: string; user: SessionUser; adminEmails?: readonly string[]; now?: Date },
): Promise<{
  participants: ParticipantCaptionHealth[];
  clientReported: readonly (typeof CLIENT_REPORTED_FIELDS)[number][];
}> {
  const session = await sessionForMetricsReader(db, input);
  const rows = await healthByParticipant(db, session.id);
  const now = input.now ?? new Date();
  return {
    participants: rows.map(({ joinedAt, leftAt, serverUpdatedAt, ...r }) => {
      const inCallSeconds = Math.max(0, ((leftAt ?? now).getTime() - joinedAt.getTime()) / 1000);
      const sent = Math.min(r.clientAudioSecondsSent, inCallSeconds);
      const received = receivedBy(r.serverAudioSeconds, serverUpdatedAt, r.clientReportedAt);
      return {
        ...r,
        clientAudioSecondsSent: sent,
        clientAudioCapped: sent < r.clientAudioSecondsSent,
        completeness: sent > 0 ? Math.min(1, Math.round((received / sent) * 1000) / 1000) : null,
        clientReportedAt: r.clientReportedAt?.toISOString() ?? null,
      };
    }),
    clientReported: CLIENT_REPORTED_FIELDS,
  };
}

/** The server's received total as of the browser's last save: what came after it is not yet in `sent`. */
function receivedBy(serverSeconds: number, serverSavedAt: Date | null, clientSavedAt: Date | null): number {
  if (!serverSavedAt || !clientSavedAt) return serverSeconds;
  const after = Math.max(0, (serverSavedAt.getTime() - clientSavedAt.getTime()) / 1000);
  return Math.max(0, serverSeconds - after);
}
