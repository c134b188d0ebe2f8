import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { APIRequestContext, Browser } from "playwright-core";
import { createDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { analysisApi } from "@/modules/core/analysis/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { devSignIn } from "./browser";
import { readReply } from "./contract";

/**
 * The data every screen of the a11y run and `npm run screenshots` shows, made once through the
 * app's own API (and the database for what only the call would write: caption lines): a space with
 * a member and a pending invitation, an invitation to someone else's space, a live session (the
 * call), an ended one with its transcript, analysis and tasks. Used outside vitest too, so it
 * takes the server's address and database rather than inject().
 */

/** Who looks at a screen: the space's owner, the administrator (ADMIN_EMAILS), or nobody. */
export type Who = "owner" | "admin" | "anon";

/** A signed-in person's cookies, for new contexts in any locale, viewport and colour scheme. */
type StorageState = Awaited<ReturnType<APIRequestContext["storageState"]>>;

export type ScreenWorld = {
  baseUrl: string;
  run: string;
  owner: { name: string; email: string };
  spaceId: string;
  spaceName: string;
  /** An ended session with a transcript, a finished analysis and tasks made from it. */
  endedSlug: string;
  /** A session of a space the visitor is not in: anonymous visitors are sent to sign in. */
  privateSlug: string;
  states: Record<Exclude<Who, "anon">, StorageState>;
  /** A new session in the space that guests may join (each walk calls and ends its own). */
  newSession(title: string): Promise<string>;
};

/** The administrator the e2e server (e2e-setup.ts) and the screenshots script name in ADMIN_EMAILS. */
export const SCREEN_ADMIN = { name: "Ada Admin", email: "e2e-admin@example.test" };

const MEETING: [speaker: "owner" | "guest", text: string][] = [
  ["owner", "Good morning everyone, let's review the launch plan for the mobile app."],
  ["guest", "The beta feedback was mostly positive, people like the new onboarding."],
  ["owner", "We decided to ship the release on March third."],
  ["guest", "I will send the budget report to finance by Friday."],
  ["owner", "The crash rate on older phones is still too high."],
  ["owner", "I will look into the crash reports this week."],
  ["guest", "Marketing needs the screenshots before the launch."],
  ["owner", "Thanks everyone, that's all for today."],
];

async function signedIn(browser: Browser, baseUrl: string, who: { name: string; email: string }) {
  const context = await browser.newContext({ locale: "en-US", extraHTTPHeaders: forwardedFor() });
  const page = await context.newPage();
  await devSignIn(page, baseUrl, who);
  return { context, api: context.request };
}

/** A client address of its own per context, so the per-client rate limits do not add up. */
export function forwardedFor(): Record<string, string> {
  const b = randomBytes(3);
  return { "x-forwarded-for": `10.${90 + (b[0]! % 30)}.${b[1]}.${1 + (b[2]! % 250)}` };
}

export async function seedScreenWorld(
  browser: Browser,
  baseUrl: string,
  databaseUrl: string,
): Promise<ScreenWorld> {
  const run = randomBytes(3).toString("hex");
  const owner = { name: "Olivia Owner", email: `olivia-${run}@example.test` };
  const member = { name: "Mark Member", email: `mark-${run}@example.test` };
  const other = { name: "Otto Other", email: `otto-${run}@example.test` };
  const [o, m, x, a] = await Promise.all(
    [owner, member, other, SCREEN_ADMIN].map((who) => signedIn(browser, baseUrl, who)),
  );
  try {
    const spaceName = `Product team ${run}`;
    const created = await o!.api.post(`${baseUrl}/api/spaces`, { data: { name: spaceName } });
    const spaceId = (await readReply(created, spacesApi.create)).space.id;
    // A member who accepted, and an address still pending.
    const invited = await o!.api.post(`${baseUrl}/api/spaces/${spaceId}/invitations`, {
      data: { email: member.email },
    });
    const invitationId = (await readReply(invited, spacesApi.invite)).invitation.id;
    await readReply(
      await m!.api.post(`${baseUrl}/api/invitations/${invitationId}/accept`),
      spacesApi.acceptInvitation,
    );
    await o!.api.post(`${baseUrl}/api/spaces/${spaceId}/invitations`, {
      data: { email: `pending-${run}@example.test` },
    });
    // Someone else's space that invites the owner: the dashboard's "invitations to you".
    const theirs = await x!.api.post(`${baseUrl}/api/spaces`, { data: { name: `Design guild ${run}` } });
    const theirId = (await readReply(theirs, spacesApi.create)).space.id;
    await x!.api.post(`${baseUrl}/api/spaces/${theirId}/invitations`, { data: { email: owner.email } });
    const { slug: privateSlug } = await createSession(x!.api, baseUrl, theirId, {
      title: `Guild sync ${run}`,
    });

    const ended = await createSession(o!.api, baseUrl, spaceId, { title: `Launch review ${run}` });
    await endWithTranscript(o!.api, baseUrl, databaseUrl, ended, owner);
    // Sessions are made through a context that outlives this function (the owner's closes below).
    const ownerState = await o!.context.storageState();
    const newSession = async (title: string) => {
      const context = await browser.newContext({
        storageState: ownerState,
        extraHTTPHeaders: forwardedFor(),
      });
      try {
        return (await createSession(context.request, baseUrl, spaceId, { title, allowGuests: true })).slug;
      } finally {
        await context.close();
      }
    };
    return {
      baseUrl,
      run,
      owner,
      spaceId,
      spaceName,
      endedSlug: ended.slug,
      privateSlug,
      states: { owner: ownerState, admin: await a!.context.storageState() },
      newSession,
    };
  } finally {
    await Promise.all([o, m, x, a].map((s) => s!.context.close()));
  }
}

async function createSession(
  api: APIRequestContext,
  baseUrl: string,
  spaceId: string,
  body: { title: string; allowGuests?: boolean },
): Promise<{ id: string; slug: string }> {
  const res = await api.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, { data: body });
  return (await readReply(res, sessionsApi.create)).session;
}

/**
 * What the call would have left: caption lines in the database; then the owner ends the session
 * through the API, which queues the analysis the server's worker runs (action items become tasks).
 */
async function endWithTranscript(
  api: APIRequestContext,
  baseUrl: string,
  databaseUrl: string,
  { id: sessionId, slug }: { id: string; slug: string },
  owner: { name: string; email: string },
) {
  const { db, pool } = createDb(databaseUrl, 1);
  try {
    const [user] = await db.select().from(users).where(eq(users.email, owner.email));
    const [ownerRow, guestRow] = await db
      .insert(participants)
      .values([
        {
          videoSessionId: sessionId,
          userId: user!.id,
          identity: `user-${user!.id}`,
          displayName: owner.name,
          role: "HOST",
        },
        { videoSessionId: sessionId, identity: `guest-${slug}`, displayName: "Gus Guest", role: "GUEST" },
      ])
      .returning();
    const started = Date.now() - 600_000;
    await db.insert(transcriptSegments).values(
      MEETING.map(([speaker, text], i) => ({
        videoSessionId: sessionId,
        participantId: speaker === "owner" ? ownerRow!.id : guestRow!.id,
        utteranceId: `screen-${i}`,
        text,
        startMs: 0,
        endMs: 4000,
        provider: "test",
        createdAt: new Date(started + i * 5000),
      })),
    );
  } finally {
    await pool.end();
  }
  const ended = await api.post(`${baseUrl}/api/sessions/${slug}/end`);
  if (ended.status() !== 200) throw new Error(`end ${slug}: HTTP ${ended.status()}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await api.get(`${baseUrl}/api/sessions/${slug}/analysis`);
    const status = (await readReply(res, analysisApi.get)).analysis?.status;
    if (status === "DONE" || status === "FAILED") return;
    if (Date.now() > deadline) throw new Error(`the analysis of ${slug} is still ${status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
