"use client";

import { useCallback, useEffect, useState } from "react";
import { format } from "@/i18n/format";
import type { ErrorMessages, Messages } from "@/i18n/messages/en";
import type { NotesText } from "@/i18n/messages/notes";
import type { EvidencedPoint, SpeakerStats } from "@/lib/db/schema/analysis";
import { isInProgress, type AnalysisState } from "@/modules/core/analysis/domain/analysis-view";
import { asSentence } from "@/modules/core/analysis/domain/sentences";
import { offsetLabel } from "@/modules/core/transcripts/domain/transcript-export";
import { buttonClass, FormError } from "../ui";
import { analysisApi } from "@/modules/core/analysis/api/contract";
import { callApi } from "../use-api";
import { useCollapsed } from "./use-collapsed";

type T = Messages["analysis"];
type Notes = Pick<NotesText, "analysis" | "transcript">;
type Cite = { slug: string; citations: Record<string, number>; t: T; notes: Notes };

const POLL_MS = 2000;

/**
 * The session's analysis on the transcript page: status with progress (polled while it is queued
 * or running), then the summary, key points, decisions, action items and talk time. Every point
 * links to the transcript segments it came from, by the time they were said; the host and space
 * admins can run it again. The reader may fold it away, and it stays folded on their next visit.
 */
export function AnalysisPanel({
  slug,
  locale,
  t,
  notes,
  errors,
}: {
  slug: string;
  locale: string;
  t: T;
  notes: Notes;
  errors: ErrorMessages;
}) {
  const [collapsed, setCollapsed] = useCollapsed("rooms:analysis-collapsed");
  const [state, setState] = useState<AnalysisState | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [rerunError, setRerunError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const load = useCallback(async () => {
    const res = await callApi(analysisApi.get, { params: { slug } }, errors);
    setLoadFailed(!res.ok);
    if (res.ok) setState(res.data);
  }, [slug, errors]);

  const status = state?.analysis?.status;
  useEffect(() => {
    if (state && (!status || !isInProgress(status)) && !loadFailed) return;
    const timer = window.setTimeout(() => void load(), state ? POLL_MS : 0);
    return () => window.clearTimeout(timer);
  }, [state, status, loadFailed, load]);

  async function rerun() {
    setPending(true);
    setRerunError(null);
    const res = await callApi(analysisApi.rerun, { params: { slug } }, errors);
    setPending(false);
    if (res.ok) setState(res.data);
    else setRerunError(res.message);
  }

  const a = state?.analysis ?? null;
  const cite: Cite = { slug, citations: state?.citations ?? {}, t, notes };
  return (
    <section
      id="analysis"
      aria-labelledby="analysis-title"
      className="scroll-mt-20 rounded-lg border border-zinc-200 p-4"
      data-testid="analysis"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="analysis-title" className="text-lg font-semibold text-zinc-900">
          {t.title}
        </h2>
        <button
          type="button"
          aria-expanded={!collapsed}
          aria-controls="analysis-body"
          onClick={() => setCollapsed(!collapsed)}
          className={buttonClass("ghost", "ml-auto")}
        >
          {collapsed ? notes.transcript.showAnalysis : notes.transcript.hideAnalysis}
        </button>
        {state?.canRerun && a && !collapsed && (
          <button
            type="button"
            onClick={() => void rerun()}
            disabled={pending || isInProgress(a.status)}
            className={buttonClass("secondary")}
          >
            {t.rerun}
          </button>
        )}
      </div>
      <div id="analysis-body" hidden={collapsed}>
        <FormError message={rerunError} />
        {loadFailed && <p className="mt-2 text-sm text-red-700">{t.loadFailed}</p>}
        {!state && !loadFailed && <p className="mt-2 text-sm text-zinc-500">{t.loading}</p>}
        {state && !a && <p className="mt-2 text-sm text-zinc-500">{t.notYet}</p>}
        {a && (
          <div className="mt-2 space-y-5">
            <StatusLine
              status={a.status}
              progress={a.progress}
              retrying={a.status === "PENDING" && !!a.error}
              t={t}
            />
            {a.status === "DONE" && (
              <>
                <PointList id="analysis-summary" title={t.summary} points={a.summaryPoints} cite={cite} />
                <PointList id="analysis-key-points" title={t.keyPoints} points={a.keyPoints} cite={cite} />
                <PointList id="analysis-decisions" title={t.decisions} points={a.decisions} cite={cite} />
                <PointList
                  id="analysis-action-items"
                  title={t.actionItems}
                  points={a.actionItems}
                  cite={cite}
                  detail={(i) => {
                    const item = a.actionItems[i]!;
                    // A guest typed their own name: say so, so it is not read as the member of that name.
                    const owner = item.owner
                      ? format(item.owner.guest ? t.ownerGuest : t.owner, { name: item.owner.name })
                      : t.noOwner;
                    return item.due
                      ? `${owner} · ${format(t.due, { date: dueDate(locale, item.due) })}`
                      : owner;
                  }}
                />
                <TalkTime stats={a.talkTime} t={t} />
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function StatusLine({
  status,
  progress,
  retrying,
  t,
}: {
  status: keyof T["status"];
  progress: number;
  retrying: boolean;
  t: T;
}) {
  return (
    <div role="status" data-testid="analysis-status" data-status={status}>
      <p className="text-sm font-medium text-zinc-800">
        {t.status[status]}
        {status === "RUNNING" && ` · ${format(t.progress, { progress })}`}
      </p>
      {status === "RUNNING" && (
        <progress max={100} value={progress} className="mt-1 h-2 w-full" aria-label={t.status.RUNNING} />
      )}
      {retrying && <p className="text-sm text-zinc-500">{t.retrying}</p>}
      {status === "FAILED" && <p className="text-sm text-red-700">{t.failed}</p>}
    </div>
  );
}

function PointList({
  id,
  title,
  points,
  cite,
  detail,
}: {
  id: string;
  title: string;
  points: EvidencedPoint[];
  cite: Cite;
  detail?: (index: number) => string;
}) {
  const { slug, citations, t, notes } = cite;
  return (
    <div>
      <h3 id={id} className="text-sm font-semibold text-zinc-900">
        {title}
      </h3>
      {points.length === 0 ? (
        <p className="text-sm text-zinc-500">{t.none}</p>
      ) : (
        <ul aria-labelledby={id} className="mt-1 list-disc space-y-1 pl-5 text-sm text-zinc-800">
          {points.map((p, i) => (
            <li key={`${i}-${p.text}`}>
              {/* Analyses stored before their points were normalised read as sentences too. */}
              <span dir="auto">{detail ? p.text : asSentence(p.text)}</span>
              {detail && <span className="ml-2 text-xs text-zinc-500">{detail(i)}</span>}
              {p.segmentIds.map((segmentId, n) => {
                const at = citations[segmentId];
                const time = at === undefined ? null : offsetLabel(at);
                return (
                  <a
                    key={segmentId}
                    href={`/s/${slug}/transcript?segment=${segmentId}`}
                    aria-label={
                      time ? format(notes.analysis.citeLabel, { time }) : format(t.sourceLabel, { n: n + 1 })
                    }
                    className="ml-2 rounded font-mono text-xs font-medium tabular-nums text-indigo-700 underline hover:text-indigo-900"
                    data-evidence={segmentId}
                  >
                    {time ?? format(t.source, { n: n + 1 })}
                  </a>
                );
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TalkTime({ stats, t }: { stats: SpeakerStats[]; t: T }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-zinc-900">{t.talkTime}</h3>
      {stats.length === 0 ? (
        <p className="text-sm text-zinc-500">{t.none}</p>
      ) : (
        <ul className="mt-1 space-y-2">
          {stats.map((s) => {
            const share = Math.round(s.share * 100);
            return (
              <li key={s.participantId} className="text-sm">
                <div className="flex justify-between gap-3">
                  <span className="font-medium text-zinc-800">{s.name}</span>
                  <span className="text-zinc-500">
                    {format(t.speakerStats, { time: clock(s.seconds), share, words: s.words })}
                  </span>
                </div>
                <div
                  role="img"
                  aria-label={format(t.talkTimeLabel, { name: s.name, share })}
                  className="mt-1 h-2 rounded bg-zinc-100"
                >
                  <div className="h-2 rounded bg-indigo-500" style={{ width: `${share}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** A said due date (YYYY-MM-DD) is a calendar day: formatted in UTC so no time zone shifts it. */
function dueDate(locale: string, iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}
