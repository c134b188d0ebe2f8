import { beforeAll, describe, expect, it } from "vitest";
import {
  createTaskEndpoint,
  deleteTaskEndpoint,
  listTasksEndpoint,
  updateTaskEndpoint,
} from "@/modules/core/tasks/api/task-endpoints";
import { getDb } from "@/server/db";
import { tasks } from "@/lib/db/schema/tasks";
import { call, errorCode, makeUser, type CallResult, type TestUser } from "../support/api";
import { join, newSession, setupSpace } from "../support/sessions";
import { addMember } from "../support/members";
import { tasksApi } from "@/modules/core/tasks/api/contract";
import { expectReply } from "../support/contract";

type Who = { user?: TestUser; cookie?: string };

describe("the space's tasks API", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  let guestCookie: string;
  let participantOutsider: TestUser;
  let session: { id: string; slug: string };
  let other: Awaited<ReturnType<typeof setupSpace>>;

  const list = (who: Who, query: Record<string, string> = {}, spaceId = ctx.spaceId) =>
    call(listTasksEndpoint, { ...who, params: { spaceId }, query });
  const create = (who: Who, json: unknown, spaceId = ctx.spaceId) =>
    call(createTaskEndpoint, { ...who, params: { spaceId }, json });
  const patch = (who: Who, taskId: string, json: unknown, spaceId = ctx.spaceId) =>
    call(updateTaskEndpoint, { ...who, method: "PATCH", params: { spaceId, taskId }, json });
  const remove = (who: Who, taskId: string, spaceId = ctx.spaceId) =>
    call(deleteTaskEndpoint, { ...who, method: "DELETE", params: { spaceId, taskId } });
  const titles = (res: CallResult) =>
    expectReply(res, tasksApi.list)
      .tasks.map((t) => t.title)
      .sort();

  beforeAll(async () => {
    [ctx, other] = await Promise.all([setupSpace(), setupSpace()]);
    [admin, participantOutsider] = await Promise.all([makeUser("Ada Admin"), makeUser("Paul Part")]);
    await addMember(ctx.host, ctx.spaceId, admin, "ADMIN");
    session = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const guest = await join(session.slug, { displayName: "Gina Guest" });
    guestCookie = guest.headers.get("set-cookie")!.split(";")[0]!;
    // Signed in and in the call, but not a member of the space.
    expect((await join(session.slug, { user: participantOutsider })).status).toBe(200);
    await getDb()
      .insert(tasks)
      .values([
        {
          spaceId: ctx.spaceId,
          videoSessionId: session.id,
          title: "From the call",
          sourceKey: "k1",
          assigneeUserId: ctx.member.id,
          dueAt: new Date("2026-12-10T00:00:00Z"),
        },
        {
          spaceId: ctx.spaceId,
          title: "Done already",
          status: "DONE",
          dueAt: new Date("2026-11-01T00:00:00Z"),
        },
        { spaceId: ctx.spaceId, title: "Host's own", assigneeUserId: ctx.host.id },
        { spaceId: other.spaceId, title: "Other space's" },
      ]);
  });

  it("shows the space's tasks to the host, a member and an admin, with session and assignee", async () => {
    for (const user of [ctx.host, ctx.member, admin]) {
      const res = await list({ user });
      expect(res.status).toBe(200);
      expect(titles(res)).toEqual(["Done already", "From the call", "Host's own"]);
    }
    const res = await list({ user: ctx.member });
    // Open work first, nearest due date first; done last.
    expect(expectReply(res, tasksApi.list).tasks.map((t: { title: string }) => t.title)).toEqual([
      "From the call",
      "Host's own",
      "Done already",
    ]);
    expect(expectReply(res, tasksApi.list).tasks[0]).toMatchObject({
      sessionSlug: session.slug,
      sessionTitle: "Standup",
      assigneeName: "Max Member",
      dueAt: "2026-12-10T00:00:00.000Z",
      status: "TODO",
    });
  });

  it("gives outsiders, call participants outside the space and guests nothing", async () => {
    const taskId = expectReply(await list({ user: ctx.host }), tasksApi.list).tasks[0]!.id;
    for (const user of [ctx.outsider, participantOutsider]) {
      for (const res of [
        await list({ user }),
        await create({ user }, { title: "Sneaky" }),
        await patch({ user }, taskId, { status: "DONE" }),
        await remove({ user }, taskId),
      ]) {
        expect(res.status).toBe(404);
        expect(errorCode(res)).toBe("space_not_found");
      }
    }
    // A guest has no account, so no space: the same as anyone signed out.
    for (const who of [{ cookie: guestCookie }, {}]) {
      const res = await list(who);
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe("unauthenticated");
      expect((await patch(who, taskId, { status: "DONE" })).status).toBe(401);
    }
    expect(expectReply(await list({ user: ctx.host }), tasksApi.list).tasks[0]).toMatchObject({
      id: taskId,
      status: "TODO",
    });
  });

  it("filters by status, assignee, session and due dates", async () => {
    const member = { user: ctx.member };
    expect(titles(await list(member, { status: "DONE" }))).toEqual(["Done already"]);
    expect(titles(await list(member, { assignee: "me" }))).toEqual(["From the call"]);
    expect(titles(await list({ user: ctx.host }, { assignee: "me" }))).toEqual(["Host's own"]);
    expect(titles(await list(member, { assignee: ctx.host.id }))).toEqual(["Host's own"]);
    expect(titles(await list(member, { assignee: "none" }))).toEqual(["Done already"]);
    expect(titles(await list(member, { session: session.id }))).toEqual(["From the call"]);
    expect(titles(await list(member, { dueBefore: "2026-11-30" }))).toEqual(["Done already"]);
    expect(titles(await list(member, { dueAfter: "2026-11-30" }))).toEqual(["From the call"]);
    expect(titles(await list(member, { dueAfter: "2026-11-01", dueBefore: "2026-12-10" }))).toEqual([
      "Done already",
      "From the call",
    ]);
    expect(titles(await list(member, { status: "TODO", assignee: "none" }))).toEqual([]);
    const badQueries: Record<string, string>[] = [
      { status: "OPEN" },
      { assignee: "bob" },
      { session: "x" },
      { dueBefore: "friday" },
    ];
    for (const query of badQueries) {
      const res = await list(member, query);
      expect(res.status).toBe(422);
      expect(errorCode(res)).toBe("validation_failed");
    }
  });

  it("lets any member create, edit and delete tasks", async () => {
    const created = await create(
      { user: ctx.member },
      { title: "  Book the room ", assigneeUserId: admin.id, dueAt: "2026-12-24", description: "Big one" },
    );
    expect(created.status).toBe(201);
    expect(expectReply(created, tasksApi.create).task).toMatchObject({
      title: "Book the room",
      status: "TODO",
      assigneeUserId: admin.id,
      assigneeName: "Ada Admin",
      createdByUserId: ctx.member.id,
      dueAt: "2026-12-24T00:00:00.000Z",
      description: "Big one",
      videoSessionId: null,
    });
    const id = expectReply(created, tasksApi.create).task.id as string;

    const edited = await patch({ user: admin }, id, { status: "DOING", title: "Book the big room" });
    expect(edited.status).toBe(200);
    expect(expectReply(edited, tasksApi.update).task).toMatchObject({
      status: "DOING",
      title: "Book the big room",
      assigneeUserId: admin.id,
    });
    const unassigned = await patch({ user: ctx.host }, id, { assigneeUserId: null, dueAt: null });
    expect(expectReply(unassigned, tasksApi.update).task).toMatchObject({
      assigneeUserId: null,
      dueAt: null,
      status: "DOING",
    });

    expect((await remove({ user: ctx.member }, id)).status).toBe(204);
    const again = await remove({ user: ctx.member }, id);
    expect(again.status).toBe(404);
    expect(errorCode(again)).toBe("task_not_found");
    expect((await patch({ user: ctx.member }, id, { status: "DONE" })).status).toBe(404);
  });

  it("assigns only members of the space", async () => {
    const taskId = expectReply(await list({ user: ctx.host }), tasksApi.list).tasks[0]!.id;
    for (const assigneeUserId of [
      ctx.outsider.id,
      participantOutsider.id,
      other.host.id,
      crypto.randomUUID(),
    ]) {
      const res = await patch({ user: ctx.host }, taskId, { assigneeUserId });
      expect(res.status).toBe(422);
      expect(errorCode(res)).toBe("assignee_not_member");
      const made = await create({ user: ctx.host }, { title: "x", assigneeUserId });
      expect(made.status).toBe(422);
      expect(errorCode(made)).toBe("assignee_not_member");
    }
    expect(expectReply(await list({ user: ctx.host }), tasksApi.list).tasks[0]!.assigneeUserId).toBe(
      ctx.member.id,
    );
    const ok = await patch({ user: ctx.host }, taskId, { assigneeUserId: admin.id });
    expect(expectReply(ok, tasksApi.update).task).toMatchObject({
      assigneeUserId: admin.id,
      assigneeName: "Ada Admin",
    });
  });

  it("refuses bad input and tasks of another space", async () => {
    const host = { user: ctx.host };
    const taskId = expectReply(await list(host), tasksApi.list).tasks[0]!.id;
    for (const body of [
      { title: "" },
      { title: "a".repeat(201) },
      { title: "ok", status: "LATER" },
      { title: "ok", dueAt: "2026-02-30" },
      { title: "ok", dueAt: "next week" },
      { title: "ok", extra: 1 },
    ]) {
      const res = await create(host, body);
      expect(res.status).toBe(422);
      expect(errorCode(res)).toBe("validation_failed");
    }
    const empty = await patch(host, taskId, {});
    expect(empty.status).toBe(422);
    expect(errorCode(empty)).toBe("validation_failed");

    // A task id from another space is not found through this space, even for its own host.
    const [foreign] = expectReply(await list({ user: other.host }, {}, other.spaceId), tasksApi.list).tasks;
    const res = await patch(host, foreign!.id, { status: "DONE" });
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe("task_not_found");
    expect((await remove(host, foreign!.id)).status).toBe(404);
    expect(
      expectReply(await list({ user: other.host }, {}, other.spaceId), tasksApi.list).tasks[0]!.status,
    ).toBe("TODO");
    // Ids that cannot exist are a plain 404.
    expect((await patch(host, "nope", { status: "DONE" })).status).toBe(404);
  });
});
