"use client";

import { useCallback, useEffect, useState } from "react";
import { format } from "@/i18n/format";
import type { ErrorMessages, Messages } from "@/i18n/messages/en";
import type { EvidencedPoint, SpeakerStats } from "@/lib/db/schema/analysis";
import { isInProgress, type AnalysisState } from "@/modules/core/analysis/domain/analysis-view";
import { buttonClass, FormError } from "../ui";
import { analysisApi } from "@/modules/core/analysis/api/contract";
import { callApi } from "../use-api";

type T = Messages["analysis"];

const POLL_MS = 2000;

/**
 * The session's analysis on the transcript page: status with progress (polled while it is queued
 * or running), then the summary, key points, decisions, action items and talk time. Every point
 * links to the transcript segments it came from; the host and space admins can run it again.
 */
export function AnalysisPanel({
  slug,
  locale,
  t,
  errors,
}: {
  slug: string;
  locale: string;
  t: T;
  errors: ErrorMessages;
}) {
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
  return (
    <section
      aria-labelledby="analysis-title"
      className="rounded-lg border border-zinc-200 p-4"
      data-testid="analysis"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="analysis-title" className="text-lg font-semibold text-zinc-900">
          {t.title}
        </h2>
        {state?.canRerun && a && (
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
              <PointList id="analysis-summary" title={t.summary} points={a.summaryPoints} slug={slug} t={t} />
              <PointList
                id="analysis-key-points"
                title={t.keyPoints}
                points={a.keyPoints}
                slug={slug}
                t={t}
              />
              <PointList id="analysis-decisions" title={t.decisions} points={a.decisions} slug={slug} t={t} />
              <PointList
                id="analysis-action-items"
                title={t.actionItems}
                points={a.actionItems}
                slug={slug}
                t={t}
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
              {a.model && <p className="text-xs text-zinc-500">{format(t.model, { model: a.model })}</p>}
            </>
          )}
        </div>
      )}
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
  slug,
  t,
  detail,
}: {
  id: string;
  title: string;
  points: EvidencedPoint[];
  slug: string;
  t: T;
  detail?: (index: number) => string;
}) {
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
              <span dir="auto">{p.text}</span>
              {detail && <span className="ml-2 text-xs text-zinc-500">{detail(i)}</span>}
              {p.segmentIds.map((segmentId, n) => (
                <a
                  key={segmentId}
                  href={`/s/${slug}/transcript?segment=${segmentId}`}
                  aria-label={format(t.sourceLabel, { n: n + 1 })}
                  className="ml-2 rounded text-xs font-medium text-indigo-700 underline hover:text-indigo-900"
                  data-evidence={segmentId}
                >
                  {format(t.source, { n: n + 1 })}
                </a>
              ))}
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
