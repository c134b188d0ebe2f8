import type { Page } from "playwright-core";

/**
 * The call's bar and header as the e2e tests of issue 18 measure them: what is on the bar and
 * where, colours and overflow in the header, what the recording badge and notice said, and a
 * browser whose user blocked the camera and microphone.
 */

type Denial = { asked: number; allow: boolean };
type Seen = { badge: string | null; notice: string | null };

export const toolbar = (page: Page) => page.locator('[role="toolbar"]');

/** Joins from the pre-join screen and waits for the call and its bar. */
export async function joinCall(page: Page, joinLabel = "Join") {
  await page.getByRole("button", { name: joinLabel, exact: true }).click();
  await toolbar(page).waitFor();
  await page.locator(".lk-room-container").waitFor();
}

/** Every visible control of the bar, left to right, with its box. */
export const barButtons = (page: Page) =>
  toolbar(page).evaluate((bar) =>
    [...bar.querySelectorAll<HTMLElement>("button, select")]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          name: el.getAttribute("aria-label") ?? el.textContent ?? "",
          top: r.top,
          left: r.left,
          right: r.right,
        };
      })
      .sort((a, b) => a.left - b.left),
  );

/** How many elements of the call's header (itself included) have a red background. */
export const headerReds = (page: Page) =>
  page.locator(".lk-room-container header").evaluate(
    (header) =>
      [header, ...header.querySelectorAll("*")].filter((el) => {
        const m =
          getComputedStyle(el)
            .backgroundColor.match(/\d+(\.\d+)?/g)
            ?.map(Number) ?? [];
        const [r = 0, g = 0, b = 0, a = 1] = m;
        return a > 0 && r > 150 && g < 110 && b < 110;
      }).length,
  );

/** The header's visible elements that stick out of the screen or overflow without an ellipsis. */
export const headerOverflow = (page: Page) =>
  page.locator(".lk-room-container header").evaluate((header) => {
    const width = document.documentElement.clientWidth;
    return [header, ...header.querySelectorAll<HTMLElement>("*")]
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < 0 || r.right > width + 0.5 || el.scrollWidth > el.clientWidth + 1;
      })
      .filter((el) => !(getComputedStyle(el).textOverflow === "ellipsis"))
      .map((el) => el.outerHTML.slice(0, 100));
  });

/**
 * From now on, notes what the recording badge and the recording notice said together at every
 * change of either; `seen()` returns the notes so far.
 */
export async function watchRecordingSigns(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: Seen[] };
    w.__seen = [];
    const note = () => {
      const badge = document.querySelector("[data-testid=recording-indicator]");
      const notice = document.querySelector("[data-testid=recording-notice]");
      w.__seen.push({
        badge: badge?.getAttribute("data-status") ?? null,
        notice: notice?.textContent ?? null,
      });
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
  });
  return { seen: () => page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen) };
}

/** Runs in the page first: getUserMedia rejects as a browser whose user blocked the site does, until allowed. */
export function blockMedia() {
  const w = window as unknown as { __media: Denial };
  w.__media = { asked: 0, allow: false };
  const media = navigator.mediaDevices;
  const real = media.getUserMedia.bind(media);
  media.getUserMedia = (constraints) => {
    w.__media.asked++;
    if (w.__media.allow) return real(constraints);
    return Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
  };
}

/** On a page set up with `blockMedia`: how often it asked, and the person allowing or blocking again. */
export const blockedMedia = (page: Page) => ({
  asked: () => page.evaluate(() => (window as unknown as { __media: Denial }).__media.asked),
  allow: (allow: boolean) =>
    page.evaluate((a) => ((window as unknown as { __media: Denial }).__media.allow = a), allow),
});
