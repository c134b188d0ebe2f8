import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { type ActionItem, sessionAnalyses } from "@/lib/db/schema/analysis";
import { tasks } from "@/lib/db/schema/tasks";
import { userIdentity } from "@/modules/core/sessions/domain/video-session";
import { createTasksFromAnalysis } from "@/modules/core/tasks/application/create-tasks-from-analysis";
import {
  deleteTaskEndpoint,
  listTasksEndpoint,
  updateTaskEndpoint,
} from "@/modules/core/tasks/api/task-endpoints";
import { TITLE_MAX } from "@/modules/core/tasks/domain/task";
import { participantIdOf, writeMeeting } from "../support/analysis";
import { call } from "../support/api";
import { join, newSession, setupSpace } from "../support/sessions";
import { tasksApi } from "@/modules/core/tasks/api/contract";
import { expectReply } from "../support/contract";

describe("createTasksFromAnalysis", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let session: { id: string; slug: string };
  let otherSession: { id: string; slug: string };
  let analysisId: string;
  let segments: string[];
  let foreignSegment: string;

  const tasksOfSession = () =>
    getDb().select().from(tasks).where(eq(tasks.videoSessionId, session.id)).orderBy(tasks.sourceKey);
  const run = (actionItems: ActionItem[]) =>
    createTasksFromAnalysis(getDb(), {
      spaceId: ctx.spaceId,
      videoSessionId: session.id,
      sessionAnalysisId: analysisId,
      createdByUserId: ctx.host.id,
      actionItems,
    });
  const item = (key: string, text: string, extra: Partial<ActionItem> = {}): ActionItem => ({
    key,
    text,
    segmentIds: [],
    owner: null,
    due: null,
    ...extra,
  });

  let items: ActionItem[];

  beforeAll(async () => {
    ctx = await setupSpace();
    session = await newSession(ctx.host, ctx.spaceId);
    otherSession = await newSession(ctx.host, ctx.spaceId, { title: "Other" });
    for (const s of [session, otherSession])
      expect((await join(s.slug, { user: ctx.host })).status).toBe(200);
    const pid = await participantIdOf(getDb(), session.id, userIdentity(ctx.host.id));
    segments = await writeMeeting(getDb(), session.id, [
      { participantId: pid, text: "Let's start." },
      { participantId: pid, text: "Max, please send the budget by Friday." },
      { participantId: pid, text: "Oscar will check the venue." },
    ]);
    const otherPid = await participantIdOf(getDb(), otherSession.id, userIdentity(ctx.host.id));
    const foreign = await writeMeeting(getDb(), otherSession.id, [
      { participantId: otherPid, text: "Elsewhere." },
    ]);
    foreignSegment = foreign[0]!;
    const [analysis] = await getDb()
      .insert(sessionAnalyses)
      .values({ videoSessionId: session.id, status: "DONE" })
      .returning();
    analysisId = analysis!.id;
    items = [
      item("a-budget", "  Send the   budget ", {
        owner: { name: "Max", participantId: null, userId: ctx.member.id },
        due: "2026-12-04",
        segmentIds: ["not-a-uuid", foreignSegment!, segments[1]!, segments[0]!],
      }),
      // Named, but not a member of the space: the task stays unassigned.
      item("b-venue", "Check the venue", {
        owner: { name: "Oscar", participantId: null, userId: ctx.outsider.id },
        due: "2026-02-30",
        segmentIds: [segments[2]!],
      }),
      item("c-long", "word ".repeat(100), { segmentIds: [foreignSegment!] }),
      // Same key again within one analysis, and an item with nothing to say: neither adds a task.
      item("a-budget", "Duplicate of the budget item"),
      item("d-empty", "   "),
    ];
  });

  it("creates one task per item, assigned only to members, linked to the first segment of this session", async () => {
    expect(await run(items)).toEqual({ created: 3 });
    const rows = await tasksOfSession();
    expect(rows.map((r) => r.sourceKey)).toEqual(["a-budget", "b-venue", "c-long"]);
    const [budget, venue, long] = rows;
    expect(budget).toMatchObject({
      spaceId: ctx.spaceId,
      sessionAnalysisId: analysisId,
      createdByUserId: ctx.host.id,
      title: "Send the budget",
      description: null,
      status: "TODO",
      assigneeUserId: ctx.member.id,
      segmentId: segments[1],
    });
    expect(budget!.dueAt?.toISOString()).toBe("2026-12-04T00:00:00.000Z");
    expect(venue).toMatchObject({ assigneeUserId: null, dueAt: null, segmentId: segments[2] });
    expect(long!.segmentId).toBeNull();
    expect(long!.title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(long!.title.endsWith("word…")).toBe(true);
    expect(long!.description).toBe("word ".repeat(100).trim());
  });

  it("never duplicates on a re-run and keeps what people changed", async () => {
    const [budget] = await tasksOfSession();
    const edit = await call(updateTaskEndpoint, {
      user: ctx.member,
      method: "PATCH",
      params: { spaceId: ctx.spaceId, taskId: budget!.id },
      json: { title: "Send the final budget", status: "DOING", assigneeUserId: null, dueAt: null },
    });
    expect(edit.status).toBe(200);

    // The re-run still names Max and the old due date, and finds one new item.
    const rerun = [...items, item("e-notes", "Share the notes", { due: "2026-12-01" })];
    expect(await run(rerun)).toEqual({ created: 1 });
    expect(await run(rerun)).toEqual({ created: 0 });

    const rows = await tasksOfSession();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      id: budget!.id,
      title: "Send the final budget",
      status: "DOING",
      assigneeUserId: null,
      dueAt: null,
    });
    expect(rows[3]).toMatchObject({ sourceKey: "e-notes", title: "Share the notes" });
  });

  it("does not bring back a task people deleted when the analysis runs again", async () => {
    const rows = await tasksOfSession();
    const notes = rows.find((r) => r.sourceKey === "e-notes")!;
    const removed = await call(deleteTaskEndpoint, {
      user: ctx.member,
      method: "DELETE",
      params: { spaceId: ctx.spaceId, taskId: notes.id },
    });
    expect(removed.status).toBe(204);

    const rerun = [...items, item("e-notes", "Share the notes", { due: "2026-12-01" })];
    expect(await run(rerun)).toEqual({ created: 0 });
    const listed = await call(listTasksEndpoint, {
      user: ctx.member,
      params: { spaceId: ctx.spaceId },
      query: { session: session.id },
    });
    expect(listed.status).toBe(200);
    const titles = (expectReply(listed, tasksApi.list).tasks as { title: string }[]).map((t) => t.title);
    expect(titles).toHaveLength(rows.length - 1);
    expect(titles).not.toContain("Share the notes");
  });

  it("does nothing for an analysis without action items", async () => {
    expect(await run([])).toEqual({ created: 0 });
    expect(await run([item("d-empty", "")])).toEqual({ created: 0 });
  });

  it("keys tasks per session: the same item keys in another session are new tasks, assigned to members only", async () => {
    const mine = await getDb().select().from(tasks).where(eq(tasks.videoSessionId, otherSession.id));
    expect(mine).toHaveLength(0);
    const result = await createTasksFromAnalysis(getDb(), {
      spaceId: ctx.spaceId,
      videoSessionId: otherSession.id,
      sessionAnalysisId: analysisId,
      createdByUserId: null,
      actionItems: [
        item("x", "Outsider's item", { owner: { name: "O", participantId: null, userId: ctx.outsider.id } }),
        item("y", "Host's item", { owner: { name: "H", participantId: null, userId: ctx.host.id } }),
      ],
    });
    expect(result).toEqual({ created: 2 });
    const rows = await getDb()
      .select()
      .from(tasks)
      .where(eq(tasks.videoSessionId, otherSession.id))
      .orderBy(tasks.sourceKey);
    expect(rows.map((r) => r.assigneeUserId)).toEqual([null, ctx.host.id]);
  });
});
