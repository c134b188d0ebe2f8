import type { Page } from "playwright-core";
import type { Messages } from "@/i18n/messages/en";
import type { ScreenWorld, Who } from "./screen-world";

/**
 * Every screen of the app, in one table: the a11y e2e (tests/e2e/a11y.test.ts) runs axe on each
 * and `npm run screenshots` (scripts/screenshots.ts) takes its picture, in both languages, on a
 * desktop and a phone (and in the dark scheme where `dark` says so). A new screen or state is one
 * row here. Rows run in this order on one page per `who`, so a row may continue from the one before
 * (the call's panels), but each `open` also gets there by itself when the page is elsewhere.
 */
export type Screen = {
  /** File-safe: the screenshot's name and the test's label. */
  name: string;
  who: Who;
  /** Also checked (and shot) in the dark colour scheme. */
  dark?: boolean;
  /** Brings `page` to this screen and waits until it has settled. */
  open(s: Step): Promise<void>;
};

/** What a row works with: its page, the seeded data, the dictionary of the variant's language. */
export type Step = {
  page: Page;
  world: ScreenWorld;
  t: Messages;
  /** A live session of this walk (guests allowed), created on first use; rows that end it end it. */
  live(): Promise<string>;
};

const heading = (page: Page, name?: string) =>
  (name ? page.getByRole("heading", { name, exact: true }) : page.locator("h1")).first().waitFor();

async function visit(s: Step, path: string, ready?: (page: Page) => Promise<unknown>) {
  await s.page.goto(`${s.world.baseUrl}${path}`);
  await (ready ? ready(s.page) : heading(s.page));
}

async function preJoin(s: Step) {
  await visit(s, `/s/${await s.live()}`, (p) =>
    p.getByRole("button", { name: s.t.call.join, exact: true }).waitFor(),
  );
}

const controls = (s: Step) => s.page.getByRole("toolbar", { name: s.t.call.controls });

/** In the call: stays when already there, else joins from the pre-join (or the screen after leaving). */
async function inCall(s: Step) {
  // A menu or dialog left open by the row before closes on Escape, as a person would close it.
  for (const open of [s.page.getByRole("menu"), s.page.locator("dialog[open]")]) {
    if (await open.isVisible()) {
      await s.page.keyboard.press("Escape");
      await open.waitFor({ state: "hidden" });
    }
  }
  if (await controls(s).isVisible()) return;
  const rejoin = s.page.getByRole("button", { name: s.t.call.rejoin, exact: true });
  if (await rejoin.isVisible()) await rejoin.click();
  else {
    await preJoin(s);
    await s.page.getByRole("button", { name: s.t.call.join, exact: true }).click();
  }
  await controls(s).waitFor();
}

/** The bar's More menu, open. */
async function moreMenu(s: Step) {
  await inCall(s);
  const menu = s.page.getByRole("menu");
  if (await menu.isVisible()) return;
  await controls(s).getByRole("button", { name: s.t.call.bar.more, exact: true }).click();
  await menu.waitFor();
}

/** The call with one side panel open: from its bar button, or from More where the bar has none. */
async function panel(s: Step, label: string) {
  await inCall(s);
  const panelHeading = s.page.locator("#call-panel").getByRole("heading", { name: label });
  if (await panelHeading.isVisible()) return;
  const button = controls(s).getByRole("button", { name: label, exact: true });
  if (await button.isVisible()) await button.click();
  else {
    await moreMenu(s);
    await s.page.getByRole("menu").getByRole("menuitem", { name: label }).click();
  }
  await panelHeading.waitFor();
}

async function shortcuts(s: Step) {
  await moreMenu(s);
  await s.page.getByRole("menu").getByRole("menuitem", { name: s.t.call.bar.shortcuts }).click();
  await s.page.getByRole("dialog", { name: s.t.call.bar.shortcuts }).waitFor();
}

async function endDialog(s: Step) {
  await inCall(s);
  await controls(s).getByRole("button", { name: s.t.call.endForAll, exact: true }).click();
  await s.page.getByRole("dialog", { name: s.t.call.endConfirmTitle }).waitFor();
}

export const SCREENS: Screen[] = [
  { name: "signin", who: "anon", dark: true, open: (s) => visit(s, "/signin") },
  // A signed-out visitor who opens a session link of a members-only space.
  {
    name: "signin-from-link",
    who: "anon",
    open: (s) => visit(s, `/s/${s.world.privateSlug}`, (p) => p.waitForURL(/\/signin\?/)),
  },
  { name: "not-found", who: "anon", open: (s) => visit(s, "/no-such-page") },
  { name: "dashboard", who: "owner", dark: true, open: (s) => visit(s, "/") },
  { name: "space", who: "owner", dark: true, open: (s) => visit(s, `/spaces/${s.world.spaceId}`) },
  { name: "tasks", who: "owner", dark: true, open: (s) => visit(s, `/spaces/${s.world.spaceId}/tasks`) },
  { name: "profile", who: "owner", open: (s) => visit(s, "/profile") },
  // A session of a space the viewer is not in: the same 404 as a missing one.
  { name: "session-not-found", who: "owner", open: (s) => visit(s, `/s/${s.world.privateSlug}`) },
  {
    name: "transcript",
    who: "owner",
    dark: true,
    open: (s) =>
      visit(s, `/s/${s.world.endedSlug}/transcript`, (p) => p.locator("[data-segment]").first().waitFor()),
  },
  {
    name: "analysis",
    who: "owner",
    dark: true,
    open: async (s) => {
      await visit(s, `/s/${s.world.endedSlug}/transcript`, (p) =>
        p.locator("[data-segment]").first().waitFor(),
      );
      const title = s.page.getByRole("heading", { name: s.t.analysis.title });
      await title.scrollIntoViewIfNeeded();
      await s.page.getByText(s.t.analysis.status.DONE, { exact: true }).first().waitFor();
    },
  },
  { name: "session-ended", who: "owner", open: (s) => visit(s, `/s/${s.world.endedSlug}`) },
  { name: "prejoin", who: "owner", dark: true, open: preJoin },
  // A signed-out guest: asked for a name.
  { name: "prejoin-guest", who: "anon", open: preJoin },
  { name: "call", who: "owner", dark: true, open: inCall },
  { name: "call-participants", who: "owner", dark: true, open: (s) => panel(s, s.t.call.participantsTitle) },
  { name: "call-chat", who: "owner", open: (s) => panel(s, s.t.call.chatTitle) },
  {
    name: "call-transcript",
    who: "owner",
    dark: true,
    open: (s) => panel(s, s.t.call.captions.transcriptTitle),
  },
  { name: "call-devices", who: "owner", open: (s) => panel(s, s.t.call.devicesTitle) },
  { name: "call-more", who: "owner", dark: true, open: moreMenu },
  { name: "call-shortcuts", who: "owner", open: shortcuts },
  {
    name: "call-left",
    who: "owner",
    open: async (s) => {
      await inCall(s);
      await controls(s).getByRole("button", { name: s.t.call.leave, exact: true }).click();
      await heading(s.page, s.t.call.left.title);
    },
  },
  { name: "call-end-dialog", who: "owner", dark: true, open: endDialog },
  {
    name: "call-ended",
    who: "owner",
    open: async (s) => {
      const dialog = s.page.getByRole("dialog", { name: s.t.call.endConfirmTitle });
      if (!(await dialog.isVisible())) await endDialog(s);
      await dialog.getByRole("button", { name: s.t.call.endConfirm, exact: true }).click();
      await heading(s.page, s.t.call.ended.title);
    },
  },
  { name: "admin-usage", who: "admin", open: (s) => visit(s, "/admin/usage") },
];
