import type { Page } from "playwright-core";

/**
 * The call bar's More menu (English UI): what moved there from the bar (issue 18 item 5). Opens
 * the menu and picks an item; items that depend on the caption socket wait until it offers them.
 */
export async function fromMoreMenu(page: Page, role: "menuitem" | "menuitemcheckbox", name: string) {
  await page
    .getByRole("toolbar", { name: "Call controls" })
    .getByRole("button", { name: "More", exact: true })
    .click();
  await page.getByRole("menu").getByRole(role, { name, exact: true }).click();
}

/** Pauses (or resumes) this person's captions. */
export const togglePauseMyCaptions = (page: Page) =>
  fromMoreMenu(page, "menuitemcheckbox", "Pause my captions");

/** Opens the panel with the caption language picker (`data-testid="caption-language"`). */
export const openCaptionLanguage = (page: Page) => fromMoreMenu(page, "menuitem", "Caption language");
