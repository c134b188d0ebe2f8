import { randomInt } from "node:crypto";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

/**
 * Debian's Chromium, flags for a headless container without GPU, sandbox or network extras.
 * `extraArgs` add per-process flags, e.g. `--use-file-for-fake-audio-capture=/x.wav%noloop`
 * (one fake microphone file per browser process).
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      // Otherwise Chromium hides host ICE candidates behind mDNS names that nothing here resolves,
      // and browsers cannot reach the loopback LiveKit server.
      "--disable-features=WebRtcHideLocalIpsWithMdns",
      ...extraArgs,
    ],
  });
}

/**
 * Signs in through the real /signin form (dev provider) and waits until the app has taken the
 * browser to the callback page. Works in English and Russian, since it finds fields by input name.
 */
export async function devSignIn(
  page: Page,
  baseUrl: string,
  user: { name: string; email: string },
  callbackPath = "/",
): Promise<void> {
  // Reuse the sign-in page the app redirected to, keeping the callback it chose.
  let current = new URL(page.url() === "about:blank" ? baseUrl : page.url());
  if (current.origin !== new URL(baseUrl).origin || current.pathname !== "/signin") {
    current = new URL("/signin", baseUrl);
    if (callbackPath !== "/") current.searchParams.set("callbackUrl", callbackPath);
    await page.goto(current.toString());
  }
  const target = new URL(current.searchParams.get("callbackUrl") ?? "/", baseUrl).toString();
  const form = page.locator("form").filter({ has: page.locator('input[name="email"]') });
  await form.locator('input[name="name"]').fill(user.name);
  await form.locator('input[name="email"]').fill(user.email);
  await Promise.all([
    page.waitForURL((u) => u.toString() === target, { timeout: 30_000 }),
    form.locator('button[type="submit"]').click(),
  ]);
}

/**
 * A Chromium of its own with one English desktop context signed in as `user`, from an address in
 * `net` (per-address limits count people apart); `opts` add to the context's options.
 */
export async function signedInBrowser(
  baseUrl: string,
  user: { name: string; email: string },
  net: string,
  opts: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium();
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { "x-forwarded-for": `${net}.${randomInt(256)}.${randomInt(1, 255)}` },
    ...opts,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await devSignIn(page, baseUrl, user);
  return { browser, context, page };
}

/**
 * One person's page in `browser`: an English desktop context of their own, from their own address
 * (`<net>.<n>`, so per-address limits count people apart), kept in `contexts` for the test to close.
 */
export async function personPage(browser: Browser, contexts: BrowserContext[], net: string): Promise<Page> {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { "x-forwarded-for": `${net}.${contexts.length + 1}` },
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/**
 * Another context of the person signed in to `signedIn` (its cookies), from an address of its own
 * in `net`, with the viewport, locale or time zone a case needs.
 */
export async function sameSignIn(
  browser: Browser,
  signedIn: BrowserContext,
  net: string,
  opts: Parameters<Browser["newContext"]>[0],
): Promise<BrowserContext> {
  return browser.newContext({
    storageState: await signedIn.storageState(),
    extraHTTPHeaders: { "x-forwarded-for": `${net}.${randomInt(256)}.${randomInt(1, 255)}` },
    ...opts,
  });
}

/** Whether the whole of `el` is inside the window (and drawn: a collapsed box is not). */
export const wholeInView = (el: Locator) =>
  el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });

/** The text of what an element's aria-describedby names. */
export const describedBy = (el: Locator) =>
  el.evaluate((e) =>
    (e.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
