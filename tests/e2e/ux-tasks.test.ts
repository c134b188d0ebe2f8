import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { tasks } from "@/lib/db/schema/tasks";
import { sameSignIn, signedInBrowser } from "../support/browser";
import { shot } from "../support/call-people";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { tasksApi } from "@/modules/core/tasks/api/contract";
import { readReply } from "../support/contract";

/**
 * Issue 18, item 15: the space's tasks as the host keeps them after a call (items 12–14, from the
 * call to its notes, are ux-notes.test.ts). One browser, one signed-in host.
 */

const baseUrl = inject("baseUrl");
const { db, pool } = createDb(inject("databaseUrl"), 2);
const run = randomBytes(3).toString("hex");
const host = { name: "Nora Notes", email: `nora-${run}@example.test` };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let spaceId: string;

const api = () => context.request;

describe("issue 18: from the call to its notes", () => {
  beforeAll(async () => {
    ({ browser, context, page } = await signedInBrowser(baseUrl, host, "10.84"));
    const space = await api().post(`${baseUrl}/api/spaces`, { data: { name: `Tasks ${run}` } });
    spaceId = (await readReply(space, spacesApi.create)).space.id;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await pool.end();
  });

  describe("15: tasks", () => {
    const A = `Draft the agenda ${run}`;
    const B = `Book the room ${run}`;
    const C = `Send the minutes ${run}`;
    const taskIds: Record<string, string> = {};
    const row = (p: Page, id: string) => p.locator(`li[data-task-id="${id}"]`);
    const group = (p: Page, status: string) => p.locator(`section[data-status-group="${status}"]`);
    const saved = (p: Page, id: string) =>
      p.waitForResponse(
        (r) => r.url().endsWith(`/api/spaces/${spaceId}/tasks/${id}`) && r.request().method() === "PATCH",
      );

    beforeAll(async () => {
      for (const [title, status] of [
        [A, "TODO"],
        [B, "DOING"],
        [C, "DONE"],
      ] as const) {
        const res = await api().post(`${baseUrl}/api/spaces/${spaceId}/tasks`, { data: { title, status } });
        taskIds[title] = (await readReply(res, tasksApi.create)).task.id;
      }
    });

    it("are grouped by status; the done box and the title save as they change", async () => {
      await page.goto(`${baseUrl}/spaces/${spaceId}/tasks`);
      expect(await group(page, "TODO").getByRole("heading").textContent()).toMatch(/^To do/);
      expect(await group(page, "TODO").locator(`li[data-task-id="${taskIds[A]}"]`).count()).toBe(1);
      expect(await group(page, "DOING").locator(`li[data-task-id="${taskIds[B]}"]`).count()).toBe(1);
      expect(await group(page, "DONE").locator(`li[data-task-id="${taskIds[C]}"]`).count()).toBe(1);
      expect(await page.getByRole("button", { name: /^Save/ }).count()).toBe(0);

      const done = saved(page, taskIds[A]!);
      await row(page, taskIds[A]!)
        .getByRole("checkbox", { name: `Done: “${A}”` })
        .check();
      expect((await done).status()).toBe(200);
      await group(page, "DONE").locator(`li[data-task-id="${taskIds[A]}"]`).waitFor();
      const [a] = await db.select().from(tasks).where(eq(tasks.id, taskIds[A]!));
      expect(a!.status).toBe("DONE");

      const renamed = `${B} at noon`;
      const titleSaved = saved(page, taskIds[B]!);
      await row(page, taskIds[B]!).getByLabel(`Title of “${B}”`).fill(renamed);
      expect((await titleSaved).status()).toBe(200);
      const status = row(page, taskIds[B]!).getByRole("status");
      await expect.poll(() => status.textContent()).toBe("Saved");
      const [b] = await db.select().from(tasks).where(eq(tasks.id, taskIds[B]!));
      expect(b!.title).toBe(renamed);

      await row(page, taskIds[B]!).getByLabel(`Title of “${B}”`).fill("");
      const alert = row(page, taskIds[B]!).getByRole("alert");
      await expect.poll(() => alert.textContent()).toBe("Not saved: A task needs a title.");
    });

    it("filters apply as soon as they change", async () => {
      await page.goto(`${baseUrl}/spaces/${spaceId}/tasks`);
      const filters = page.getByRole("form", { name: "Filters" });
      expect(await filters.getByRole("button", { name: "Apply" }).count()).toBe(0);
      await Promise.all([
        page.waitForURL(/status=DOING/),
        filters.getByLabel("Status").selectOption("DOING"),
      ]);
      await group(page, "TODO").waitFor({ state: "detached" });
      expect(await group(page, "DOING").locator("li[data-task-id]").count()).toBe(1);
    });

    it("the Russian status names fit at 1280 and 390 px", async () => {
      for (const width of [1280, 390]) {
        const ru = await sameSignIn(browser, context, "10.84", {
          locale: "ru-RU",
          viewport: { width, height: 844 },
        });
        try {
          const p = await ru.newPage();
          await p.goto(`${baseUrl}/spaces/${spaceId}/tasks`);
          await group(p, "TODO")
            .getByRole("heading", { name: /^К выполнению/ })
            .waitFor();
          const selects = p.locator("li[data-task-id] select[aria-label^='Статус']");
          expect(await selects.count()).toBeGreaterThan(2);
          const tight = await selects.evaluateAll((els) =>
            (els as HTMLSelectElement[]).flatMap((el) => {
              const style = getComputedStyle(el);
              const ctx = document.createElement("canvas").getContext("2d")!;
              ctx.font = style.font;
              const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
              return [...el.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => o.text);
            }),
          );
          expect(tight, `${width} px`).toEqual([]);
          await shot(p, `notes-tasks-ru-${width}`);
        } finally {
          await ru.close();
        }
      }
    });
  });
});
