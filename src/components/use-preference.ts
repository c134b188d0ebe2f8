"use client";

import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { z } from "zod";

/**
 * One remembered choice of this browser. Stored as JSON under a versioned key, so a change of shape
 * bumps the version and starts afresh instead of misreading an old value; whatever is stored is
 * checked with `schema` (the user, an extension or an old build may have written anything).
 */
export type Preference<T> = {
  /** Null while the key is not known yet (a per-person choice before the room says who this is). */
  key: string | null;
  schema: z.ZodType<T>;
  fallback: T;
  /** The unversioned key of before and how it read, so nobody loses a choice made then. */
  legacy?: { key: string; read: (raw: string) => T | undefined };
};

export type PreferenceStorage = Pick<Storage, "getItem" | "setItem">;

/** `rooms:<name>:v<version>`, with `:<scope>` (e.g. a participant identity) when per-person. */
export function preferenceKey(name: string, version: number, scope?: string): string {
  return `rooms:${name}:v${version}${scope === undefined ? "" : `:${scope}`}`;
}

// Looked up on each use: localStorage is missing on the server and may throw when blocked.
const browserStorage: PreferenceStorage = {
  getItem: (k) => localStorage.getItem(k),
  setItem: (k, v) => localStorage.setItem(k, v),
};

/** What is stored for `pref` (its fallback when nothing valid is, or storage is blocked). */
export function readPreference<T>(pref: Preference<T>, storage: PreferenceStorage = browserStorage): T {
  return decode(pref, rawOf(pref, storage));
}

/** Stores `value`; false when storage refused it (the choice then holds for this page only). */
export function writePreference<T>(
  pref: Preference<T>,
  value: T,
  storage: PreferenceStorage = browserStorage,
): boolean {
  if (pref.key === null) return false;
  try {
    storage.setItem(pref.key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

type Raw = { versioned: string | null; legacy: string | null };

function rawOf(pref: Preference<unknown>, storage: PreferenceStorage): Raw {
  if (pref.key === null) return { versioned: null, legacy: null };
  try {
    const versioned = storage.getItem(pref.key);
    return { versioned, legacy: versioned === null && pref.legacy ? storage.getItem(pref.legacy.key) : null };
  } catch {
    // Private mode, policies: the default stands.
    return { versioned: null, legacy: null };
  }
}

function decode<T>(pref: Preference<T>, raw: Raw): T {
  if (raw.versioned !== null) {
    try {
      const parsed = pref.schema.safeParse(JSON.parse(raw.versioned));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: as if nothing were stored.
    }
    return pref.fallback;
  }
  if (raw.legacy !== null && pref.legacy) return pref.legacy.read(raw.legacy) ?? pref.fallback;
  return pref.fallback;
}

/** Another tab changed a choice: this one follows. */
function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

/**
 * A remembered choice as React state (pass a `pref` that keeps its identity across renders: a
 * module constant, or memoized on its scope). A choice made while its key is null holds, and is
 * stored once the key is known. Server-rendered and hydrating renders see the fallback, so the
 * markup matches.
 */
export function usePreference<T>(pref: Preference<T>): [T, (next: T) => void] {
  // A string, so React can compare snapshots; decoded below only when it changes.
  const snapshot = useSyncExternalStore(
    subscribe,
    () => JSON.stringify(rawOf(pref, browserStorage)),
    () => null,
  );
  const stored = useMemo(
    () => (snapshot === null ? pref.fallback : decode(pref, JSON.parse(snapshot) as Raw)),
    [pref, snapshot],
  );

  // What was chosen on this page, by key: it wins over storage, so a choice holds even where
  // storage is blocked. One made under a null key moves to the key once it is known.
  const [chosen, setChosen] = useState<{ key: string | null; value: T } | null>(null);
  useEffect(() => {
    if (pref.key !== null && chosen && chosen.key === null) writePreference(pref, chosen.value);
  }, [pref, chosen]);
  const value = chosen && (chosen.key === pref.key || chosen.key === null) ? chosen.value : stored;

  const set = useCallback(
    (next: T) => {
      setChosen({ key: pref.key, value: next });
      writePreference(pref, next);
    },
    [pref],
  );
  return [value, set];
}
