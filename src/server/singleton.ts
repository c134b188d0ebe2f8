// Next's dev server re-evaluates modules on every edit; process wiring kept in module scope would
// be built again each time (a pool, a Redis connection, timers per reload). So it lives on
// globalThis, under one key, and this is the only place that does that.
const store = globalThis as unknown as { __rooms?: Map<string, unknown> };

function entries(): Map<string, unknown> {
  store.__rooms ??= new Map();
  return store.__rooms;
}

/** Builds `name` once per process and returns the same value after (module reloads included). */
export function singleton<T>(name: string, build: () => T): T {
  const all = entries();
  if (!all.has(name)) all.set(name, build());
  return all.get(name) as T;
}
