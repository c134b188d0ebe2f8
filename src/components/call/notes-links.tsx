"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import type { NotesText } from "@/i18n/messages/notes";
import { analysisApi } from "@/modules/core/analysis/api/contract";
import type { AnalysisStatus } from "@/modules/core/analysis/domain/analysis-view";
import { buttonClass } from "../ui";
import { callApi } from "../use-api";

const POLL_MS = 2000;

/** Where the analysis stands for this viewer: `hidden` when they may not read it (a guest). */
type Seen = "checking" | "hidden" | "starting" | AnalysisStatus;

/**
 * The end screen's way to the call's notes: the transcript (everyone who was in the call may read
 * it, a guest the part they heard) and, for those who may read it, the analysis with its state,
 * asked again while it is queued or running so the screen says when it is ready.
 */
export function NotesLinks({
  slug,
  t,
  errors,
}: {
  slug: string;
  t: NotesText["end"];
  errors: ErrorMessages;
}) {
  // `asked` counts the answers, so an unchanged "still running" still schedules the next look.
  const [{ seen, asked }, setState] = useState<{ seen: Seen; asked: number }>({ seen: "checking", asked: 0 });
  const settled = seen === "hidden" || seen === "DONE" || seen === "FAILED";

  useEffect(() => {
    if (settled) return;
    let stopped = false;
    const timer = window.setTimeout(
      async () => {
        const res = await callApi(analysisApi.get, { params: { slug } }, errors);
        if (stopped) return;
        // A guest gets the 404 of a session they may not see; a network blip is asked again.
        const next: Seen = !res.ok
          ? res.status === 0
            ? "starting"
            : "hidden"
          : (res.data.analysis?.status ?? "starting");
        setState((s) => ({ seen: next, asked: s.asked + 1 }));
      },
      asked === 0 ? 0 : POLL_MS,
    );
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [settled, asked, slug, errors]);

  const line =
    seen === "checking"
      ? t.checking
      : seen === "DONE"
        ? t.ready
        : seen === "FAILED"
          ? t.failed
          : seen === "hidden"
            ? null
            : t.running;
  const transcript = `/s/${slug}/transcript`;
  return (
    <nav aria-label={t.label} className="flex w-full flex-col items-center gap-3" data-testid="notes-links">
      <div className="flex flex-wrap items-center justify-center gap-3">
        <Link href={transcript} className={buttonClass("primary")}>
          {t.transcript}
        </Link>
        {seen !== "hidden" && seen !== "checking" && (
          <Link href={`${transcript}#analysis`} className={buttonClass("secondary")}>
            {t.analysis}
          </Link>
        )}
      </div>
      {line && (
        <p role="status" className="text-sm text-zinc-600" data-testid="notes-analysis" data-state={seen}>
          {line}
        </p>
      )}
    </nav>
  );
}
