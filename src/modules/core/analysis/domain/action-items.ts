import { createHash } from "node:crypto";
import * as chrono from "chrono-node";
import type { ActionItem } from "@/lib/db/schema/analysis";
import type { Owner, OwnerDirectory, Speaker } from "./owners";
import { ABOUT_THE_CALL_RU, ANSWER_RU, ASK_RU, russianPatterns } from "./rules-ru";
import { capitalize, normalizeText, type Sentence } from "./text";
import { writtenCaption } from "@/modules/core/captions/domain/caption-text";

type Seg = Speaker & { id: string; text: string };
type Hit = { name?: string; task: string; self?: true };
type Match = { owner: Owner | null; task: string; evidence: string[] };

const LEAD = String.raw`^(?:(?:ok(?:ay)?|so|and|also|then|great|alright|right|cool|perfect|good|oh|um|uh|yeah|fine)[,.]?\s+)*`;
const REQUEST = String.raw`(?:please|can you|could you|would you|will you|would you mind|i need you to|you(?:'ll| will| can)|make sure (?:you|to))`;
const FIRST_PERSON = String.raw`\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|i can take|i'll take|i'll handle|i'll own|let me (?=follow up|look into|get back|check on|find out|dig into|take care))\s+(.+)$`;
// "I'll be honest", "I'll say this", "I'm going to share my screen": not commitments.
const NOT_A_COMMITMENT =
  /^(?:be (?!\w+ing\b)|say\b|admit\b|tell you\b|pass\b|leave it\b|stop\b|let you\b|just say\b|keep it short\b|go first\b|try\b(?! to)|share (?:my|the) screen\b|(?:drop|jump|hop) off\b|mute\b)/i;
const ANSWER =
  /^(?:sure|yes|yeah|yep|ok(?:ay)?|will do|on it|absolutely|of course|no problem|i can|i will|i'll|got it|sounds good|definitely|happy to)\b/i;
// Requests about the call itself ("can you hear me?") are not tasks.
const ABOUT_THE_CALL =
  /\b(hear|see) (me|my|us|it|that)\b|\bshare (your|my) screen\b|\b(unmute|mute|repeat that|say that again)\b/i;

const accepts = (reply: string) => ANSWER.test(reply.trim()) || ANSWER_RU.test(reply.trim());

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Commitments said in the meeting, by rules: first person ("I'll …"), a named person ("Dmitri will …",
 * "Priya, can you …", "… , Tom?"), "action item: …", "let's make sure <Name> …", and an unnamed
 * "can you …" that the next speaker accepts. Owners come from the directory; due dates from chrono
 * relative to the session's date.
 */
export function findActionItems(
  sentences: Sentence[],
  segments: Seg[],
  directory: OwnerDirectory,
  reference: Date,
): ActionItem[] {
  const patterns = commitmentPatterns(directory.names());
  const items: ActionItem[] = [];
  const seen = new Set<string>();
  // A reply that accepted a request ("Sure, I'll do it by Friday") is part of that item, not another.
  const consumed = new Set<string>();
  for (const sentence of sentences) {
    const seg = segments[sentence.segmentIndex];
    if (!seg || consumed.has(sentence.segmentId)) continue;
    const match = matchSentence(sentence, seg, segments, patterns, directory);
    const first = match?.evidence[0];
    if (!match || !first || match.task.split(/\s+/).length < 2) continue;
    const text = capitalize(match.task);
    const dedupe = `${match.owner?.participantId ?? match.owner?.userId ?? match.owner?.name ?? ""}|${normalizeText(text)}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const reply = match.evidence.length > 1 ? segments[sentence.segmentIndex + 1] : undefined;
    if (reply) consumed.add(reply.id);
    items.push({
      key: itemKey(text, first),
      text,
      segmentIds: match.evidence,
      owner: match.owner,
      due: dueDate(sentence.text, reference) ?? (reply ? dueDate(reply.text, reference) : null),
    });
  }
  return items;
}

/** The named and first-person rules, compiled once per analysis for the names of this meeting. */
function commitmentPatterns(names: string[]): ((s: string) => Hit | null)[] {
  const NAME = `(${names.map(escape).join("|") || "(?!)"})`;
  const re = (source: string) => new RegExp(source, "i");
  const label = re(String.raw`\baction items?(?: for ${NAME})?\s*(?:is|[:\-–—])\s*(.+)$`);
  const labelNamed = re(String.raw`^${NAME}(?:\s+(?:to|will|should|needs to|is going to)|\s*[,:])\s+(.+)$`);
  const addressed = re(String.raw`${LEAD}${NAME}\s*[,:]?\s+${REQUEST}\s+(.+)$`);
  const addressedAtEnd = re(
    String.raw`\b(?:can|could|would|will) you (?:please )?(.+?),\s*${NAME}\s*[?.!]*$`,
  );
  const letsHave = re(String.raw`\blet'?s (?:make sure|have|get|ask) ${NAME}\s+(?:to\s+)?(.+)$`);
  const thirdPerson = re(
    String.raw`\b${NAME}(?:'ll|\s+will|\s+is going to|\s+is gonna|\s+needs to|\s+has to|\s+can take|\s+agreed to|\s+volunteered to|\s+offered to|\s+is on)\s+(.+)$`,
  );
  const firstPerson = re(FIRST_PERSON);
  // Both languages always: a rule of one never matches the other, and meetings mix them.
  const russian = russianPatterns(NAME);
  return [
    (s) => {
      const m = label.exec(s);
      if (!m) return null;
      const rest = m[2] ?? "";
      const named = labelNamed.exec(rest);
      if (named) return { name: named[1], task: named[2] ?? "" };
      return m[1] ? { name: m[1], task: rest } : { task: rest };
    },
    (s) => {
      const m = addressed.exec(s);
      return m ? { name: m[1], task: m[2] ?? "" } : null;
    },
    (s) => {
      const m = addressedAtEnd.exec(s);
      return m ? { name: m[2], task: m[1] ?? "" } : null;
    },
    (s) => {
      const m = letsHave.exec(s);
      return m ? { name: m[1], task: baseVerb(m[2] ?? "") } : null;
    },
    (s) => {
      if (s.trim().endsWith("?")) return null;
      const m = thirdPerson.exec(s);
      return m?.[2] && !NOT_A_COMMITMENT.test(m[2]) ? { name: m[1], task: m[2] } : null;
    },
    (s) => {
      if (s.trim().endsWith("?")) return null;
      const m = firstPerson.exec(s);
      return m?.[1] && !NOT_A_COMMITMENT.test(m[1]) ? { self: true, task: m[1] } : null;
    },
    ...russian,
  ];
}

function matchSentence(
  sentence: Sentence,
  seg: Seg,
  segments: Seg[],
  patterns: ((s: string) => Hit | null)[],
  directory: OwnerDirectory,
): Match | null {
  const evidence = [sentence.segmentId];
  const next = segments[sentence.segmentIndex + 1];
  const answered = (owner: Owner | null) =>
    !!owner?.participantId && next?.participantId === owner.participantId && accepts(next.text);
  for (const pattern of patterns) {
    const hit = pattern(sentence.text.replace(/[’‘]/g, "'"));
    if (!hit) continue;
    const owner = hit.self ? directory.speaker(seg) : hit.name ? directory.resolve(hit.name) : null;
    if (hit.name && owner && seg.participantId && owner.participantId === seg.participantId && !hit.self) {
      // "Tom, can you …" said by Tom himself is a name in passing, not an assignment.
      continue;
    }
    return {
      owner,
      task: cleanTask(hit.task),
      evidence: answered(owner) && next ? [...evidence, next.id] : evidence,
    };
  }
  // An unnamed "can you …" becomes a task when the next speaker takes it on.
  const ask =
    /\b(?:can|could|would) you (?:please )?(.+?)[?.!]*$/i.exec(sentence.text) ?? ASK_RU.exec(sentence.text);
  if (
    ask?.[1] &&
    !ABOUT_THE_CALL.test(sentence.text) &&
    !ABOUT_THE_CALL_RU.test(sentence.text) &&
    next &&
    next.participantId !== seg.participantId &&
    accepts(next.text)
  ) {
    return { owner: directory.speaker(next), task: cleanTask(ask[1]), evidence: [...evidence, next.id] };
  }
  return null;
}

function startOfDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** "reviews the deck" → "review the deck": a task reads as an instruction. */
function baseVerb(task: string): string {
  return task.replace(/^(\w+?)(ies|(?<=ch|sh|ss|x|z|o)es|(?<!s)s)\b/i, (_m, stem: string, end: string) =>
    end.toLowerCase() === "ies" ? `${stem}y` : stem,
  );
}

function cleanTask(task: string): string {
  return task
    .replace(/^(?:please|also|then|just|definitely|probably)\s+/i, "")
    .replace(/(?:\s*,\s*|\s+)(?:please|okay|ok|alright|right)\s*[?.!]*$/i, "")
    .replace(/[\s?.!,]+$/, "")
    .trim();
}

/** Same transcript, same key: tasks are keyed on it, so re-running the analysis never duplicates them. */
export function itemKey(text: string, firstSegmentId: string): string {
  return createHash("sha256")
    .update(`${normalizeText(text)}|${firstSegmentId}`)
    .digest("hex")
    .slice(0, 24);
}

/**
 * The first date said in the sentence ("by Friday", "next Tuesday"), as YYYY-MM-DD. Read in written
 * form: chrono takes "march three" (a line PocketSphinx wrote in words) for March 1st, "March 3" right.
 */
export function dueDate(text: string, reference: Date): string | null {
  const ref = { instant: reference, timezone: "UTC" };
  const results = chrono.parse(writtenCaption(text, "en"), ref, { forwardDate: true });
  if (results.length === 0) results.push(...chrono.ru.parse(text, ref, { forwardDate: true }));
  for (const r of results) {
    const c = r.start;
    if (/^(right )?now$/i.test(r.text.trim())) continue;
    if (!c.isCertain("day") && !c.isCertain("weekday") && !c.isCertain("month")) continue;
    // "last week's outage" is a date, not a due date: only the reference day or later counts.
    if (r.date().getTime() < startOfDay(reference)) continue;
    const y = c.get("year");
    const m = c.get("month");
    const d = c.get("day");
    if (!y || !m || !d) continue;
    return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  return null;
}
