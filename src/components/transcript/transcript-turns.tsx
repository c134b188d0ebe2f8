import { Avatar } from "@/components/ui";
import type { Messages } from "@/i18n/messages/en";
import { offsetLabel } from "@/modules/core/transcripts/domain/transcript-export";
import { indexOfTerm, type SearchTerm } from "@/modules/core/transcripts/domain/comparable-text";
import type { PageEntry } from "@/modules/core/transcripts";
import { format } from "@/i18n/format";
import { transcriptHref } from "./transcript-links";

type Turn = { key: string; name: string; image: string | null; segments: PageEntry[] };

/** Consecutive segments by the same speaker read as one turn under one name and avatar. */
export function groupTurns(segments: PageEntry[], unknown: string): Turn[] {
  const turns: Turn[] = [];
  for (const s of segments) {
    const key = s.participantId ?? s.speakerName ?? "";
    const last = turns[turns.length - 1];
    if (last && last.key === key) last.segments.push(s);
    else turns.push({ key, name: s.speakerName ?? unknown, image: s.speakerImage, segments: [s] });
  }
  return turns;
}

/** Where the next of `terms` occurs in `lower` from `from` (the longest there), or null. */
function nextMatch(lower: string, terms: readonly SearchTerm[], from: number) {
  let best: { at: number; length: number } | null = null;
  for (const t of terms) {
    const at = indexOfTerm(lower, t, from);
    if (at !== -1 && (!best || at < best.at || (at === best.at && t.text.length > best.length)))
      best = { at, length: t.text.length };
  }
  return best;
}

/**
 * The text with every case-insensitive occurrence of any of `terms` marked (a search's terms: the
 * query and its numbers written the other way, see `searchVariants`).
 */
export function Highlighted({ text, terms }: { text: string; terms: readonly SearchTerm[] }) {
  const needles = terms.filter((t) => t.text);
  if (!needles.length) return <>{text}</>;
  const lower = text.toLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (let m = nextMatch(lower, needles, 0); m; m = nextMatch(lower, needles, from)) {
    parts.push(text.slice(from, m.at), <mark key={m.at}>{text.slice(m.at, m.at + m.length)}</mark>);
    from = m.at + m.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}

export function TranscriptTurns(props: {
  slug: string;
  segments: PageEntry[];
  /** What a search looked for, marked in the lines (empty: no search). */
  marks: readonly SearchTerm[];
  /** The language read in: lines without a translation into it are marked as the original. */
  lang: string | null;
  focusId: string | null;
  /** Wall-clock time of an offset, for the hover title (UTC until `LocalTimes` rewrites it). */
  wallClock: (offsetMs: number) => string;
  /** What offsets count from, in ms since the epoch: `data-at` for `LocalTimes`. */
  originMs: number;
  /** A recording plays beside it: clicking a line plays from there (see RecordingPlayer). */
  seekable?: boolean;
  t: Messages["transcript"];
}) {
  const { t } = props;
  return (
    <ol className="space-y-5" data-testid="transcript">
      {groupTurns(props.segments, t.unknownSpeaker).map((turn) => (
        <li key={turn.segments[0]!.id} className="flex gap-3" data-turn>
          <Avatar name={turn.name} image={turn.image} size="sm" />
          <div className="min-w-0 flex-1">
            <p className="text-sm font-semibold text-zinc-900" data-speaker>
              {turn.name}
            </p>
            <ul className="mt-1 space-y-1">
              {turn.segments.map((s) => {
                const time = offsetLabel(s.offsetMs);
                const focused = s.id === props.focusId;
                return (
                  <li
                    key={s.id}
                    id={`segment-${s.id}`}
                    data-segment={s.id}
                    data-offset-ms={s.offsetMs}
                    aria-current={focused ? "true" : undefined}
                    className={`group flex items-baseline gap-3 rounded px-2 py-0.5 scroll-my-24 data-[playing]:bg-indigo-50 data-[playing]:ring-2 data-[playing]:ring-indigo-300 ${focused ? "bg-amber-100 ring-2 ring-amber-300" : "hover:bg-zinc-50"} ${props.seekable ? "cursor-pointer" : ""}`}
                  >
                    <a
                      href={transcriptHref(props.slug, { segment: s.id, lang: props.lang })}
                      title={props.wallClock(s.offsetMs)}
                      data-at={props.originMs + s.offsetMs}
                      className="shrink-0 font-mono text-xs tabular-nums text-zinc-500 hover:text-indigo-700"
                    >
                      {time}
                    </a>
                    <span
                      className="min-w-0 flex-1 text-sm text-zinc-800"
                      dir="auto"
                      lang={s.language ?? undefined}
                      title={s.original ? format(t.originalTitle, { text: s.original }) : undefined}
                      data-original={s.original ?? undefined}
                    >
                      <Highlighted text={s.text} terms={props.marks} />
                      {props.lang && !s.original && (
                        <span
                          title={t.originalMarkTitle}
                          className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-500"
                          data-untranslated
                        >
                          {t.originalMark}
                        </span>
                      )}
                    </span>
                    {/* Copied by SegmentLinkCopier, one listener for the whole page. */}
                    <button
                      type="button"
                      data-segment-link={s.id}
                      aria-label={format(t.copyLinkLabel, { time })}
                      className="shrink-0 rounded px-1.5 text-xs text-zinc-400 opacity-0 group-hover:opacity-100 hover:text-indigo-700 focus:opacity-100"
                    >
                      {t.copyLink}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        </li>
      ))}
    </ol>
  );
}
