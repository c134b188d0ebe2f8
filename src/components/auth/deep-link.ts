/** What a signed-out visitor's link pointed at, so the sign-in page can say why to sign in. */
export type DeepLinkKind = "space" | "tasks" | "call" | "transcript" | "invite" | "profile";

const PATTERNS: [RegExp, DeepLinkKind][] = [
  [/^\/spaces\/[^/]+\/tasks\/?$/, "tasks"],
  [/^\/spaces\/[^/]+\/?$/, "space"],
  [/^\/s\/[^/]+\/transcript\/?$/, "transcript"],
  [/^\/s\/[^/]+\/?$/, "call"],
  [/^\/invite\/[^/]+\/?$/, "invite"],
  [/^\/profile\/?$/, "profile"],
];

/** `callbackPath` is already a same-origin path (safeCallbackPath); its query is ignored. */
export function deepLinkKind(callbackPath: string): DeepLinkKind | null {
  const path = callbackPath.split(/[?#]/)[0] ?? "";
  return PATTERNS.find(([re]) => re.test(path))?.[1] ?? null;
}
