/**
 * `npm run screenshots`: a picture of every screen in tests/support/screens.ts, in English and
 * Russian, at 1280×800 and 390×844 (and the rows marked `dark` in the dark scheme), into
 * `.data/screenshots/<variant>/<screen>.png` with an `index.html` that shows them side by side.
 *
 * It starts what the e2e tests start (tests/support/e2e-setup.ts): a production build of this
 * checkout (`next build` when src/ changed), a fresh database on the test PostgreSQL
 * (TEST_DATABASE_URL, which the npm script gets from scripts/services.sh), the ws server and a
 * livekit-server on the e2e port (hence the e2e lock in the npm script; SCREENSHOTS_LIVEKIT_PORT
 * picks another), and seeds the same data as the a11y test. `SCREENS=call,space` limits it to some
 * rows.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "../tests/support/browser";
import { startAuxServices } from "../tests/support/e2e-services";
import { startAppServer } from "../tests/support/next-server";
import { SCREEN_ADMIN, seedScreenWorld } from "../tests/support/screen-world";
import { VARIANTS, variantName, walkScreens } from "../tests/support/screen-runner";
import { SCREENS } from "../tests/support/screens";

const OUT = path.resolve(import.meta.dirname, "../.data/screenshots");
/** The e2e port by default; another (SCREENSHOTS_LIVEKIT_PORT) runs beside the e2e tests without their lock. */
const LIVEKIT_PORT = Number(process.env.SCREENSHOTS_LIVEKIT_PORT ?? 27880);

async function main() {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin)
    throw new Error('TEST_DATABASE_URL is not set: run `eval "$(bash scripts/services.sh start)"` first');
  const only = process.env.SCREENS?.split(",").map((s) => s.trim());
  const screens = only ? SCREENS.filter((s) => only.includes(s.name)) : SCREENS;
  const started = Date.now();
  const server = await startAppServer({
    admin,
    dbPrefix: "rooms_shots",
    env: { TRUSTED_PROXIES: "127.0.0.1", ADMIN_EMAILS: SCREEN_ADMIN.email },
    services: (baseUrl) => startAuxServices(baseUrl, LIVEKIT_PORT),
  });
  const browser = await launchChromium();
  const shots: Record<string, string[]> = {};
  try {
    rmSync(OUT, { recursive: true, force: true });
    const world = await seedScreenWorld(browser, server.baseUrl, server.databaseUrl);
    for (const variant of VARIANTS) {
      const name = variantName(variant);
      mkdirSync(path.join(OUT, name), { recursive: true });
      await walkScreens(browser, world, variant, screens, async (screen, page) => {
        await page.screenshot({
          path: path.join(OUT, name, `${screen.name}.png`),
          fullPage: true,
          animations: "disabled",
        });
        (shots[screen.name] ??= []).push(name);
        console.log(`[screenshots] ${name}/${screen.name}.png`);
      });
    }
    writeFileSync(
      path.join(OUT, "index.html"),
      indexPage(
        screens.map((s) => s.name),
        shots,
      ),
    );
  } finally {
    await browser.close();
    await server.stop();
  }
  const count = Object.values(shots).flat().length;
  console.log(
    `[screenshots] ${count} pictures in ${Math.round((Date.now() - started) / 1000)} s: ${OUT}/index.html`,
  );
}

function indexPage(screens: string[], shots: Record<string, string[]>): string {
  const variants = VARIANTS.map(variantName);
  const cell = (screen: string, v: string) =>
    shots[screen]?.includes(v)
      ? `<td><a href="${v}/${screen}.png"><img src="${v}/${screen}.png" alt="${screen}, ${v}" loading="lazy"></a></td>`
      : "<td></td>";
  const rows = screens.map(
    (s) => `<tr><th scope="row">${s}</th>${variants.map((v) => cell(s, v)).join("")}</tr>`,
  );
  return `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Rooms screenshots</title>
<style>body{font:14px system-ui;margin:1rem}td,th{vertical-align:top;padding:4px;text-align:left}img{width:240px;border:1px solid #ccc}</style>
<h1>Rooms screenshots</h1>
<table><thead><tr><th scope="col">screen</th>${variants.map((v) => `<th scope="col">${v}</th>`).join("")}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
</html>
`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
