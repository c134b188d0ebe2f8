import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { spaces } from "@/lib/db/schema/spaces";
import { signTranscriptionToken } from "@/modules/core/captions/infra/transcription-token";

export type Speaker = { sessionId: string; participantId: string; identity: string; displayName: string };

export const testSecret = () => randomBytes(32).toString("base64url");

export function tokenFor(secret: string, speaker: Speaker, language = "en"): string {
  return signTranscriptionToken(secret, { ...speaker, language }).token;
}

/**
 * A live session with one joined participant written straight into `db`: for databases the web
 * handlers are not pointed at (a private cluster, a benchmark database).
 */
export async function seedSpeakers(db: Db, count = 1): Promise<Speaker[]> {
  const tag = randomBytes(4).toString("hex");
  const [user] = await db
    .insert(users)
    .values({ name: "Seed Host", email: `seed-${tag}@example.test` })
    .returning();
  const [space] = await db
    .insert(spaces)
    .values({ name: `Seed ${tag}` })
    .returning();
  const [session] = await db
    .insert(videoSessions)
    .values({
      slug: `sed-${tag.slice(0, 4)}-${tag.slice(4, 7)}`.replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!),
      spaceId: space!.id,
      createdByUserId: user!.id,
      title: "Seeded",
      status: "LIVE",
      startedAt: new Date(),
      // Anonymous guests join only sessions open to guests (the ws server checks it).
      allowGuests: true,
    })
    .returning();
  const speakers: Speaker[] = [];
  for (let i = 0; i < count; i += 1000) {
    const rows = await db
      .insert(participants)
      .values(
        Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
          videoSessionId: session!.id,
          identity: `guest-seed-${tag}-${i + j}`,
          displayName: `Speaker ${i + j}`,
          role: "GUEST" as const,
        })),
      )
      .returning();
    for (const p of rows) {
      speakers.push({
        sessionId: session!.id,
        participantId: p.id,
        identity: p.identity,
        displayName: p.displayName,
      });
    }
  }
  return speakers;
}
