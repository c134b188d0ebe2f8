"use client";

import { useId, useMemo, useState, type FormEvent } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import {
  GLOSSARY_LIMITS,
  glossaryLines,
  normalizeGlossary,
  type GlossaryProblem,
  type GlossaryView,
} from "@/modules/core/captions/domain/glossary";
import { FormError, FormStatus, PendingButton, inputClass, labelClass } from "../ui";
import { captionsApi } from "@/modules/core/captions/api/contract";
import { useApiAction } from "../use-api";

type Props = {
  spaceId: string;
  glossary: GlossaryView;
  t: Messages["glossary"];
  errors: Messages["errors"];
};

/** What is wrong with the text as typed, in the UI's language; the server checks the same rules. */
function problemText(p: GlossaryProblem, t: Messages["glossary"]): string {
  const max = p.code === "glossary_too_many_terms" ? GLOSSARY_LIMITS.terms : GLOSSARY_LIMITS.termChars;
  if (p.code === "glossary_too_many_terms") return format(t.tooMany, { count: p.count, max });
  const line = p.index + 1;
  return format(p.code === "glossary_term_too_long" ? t.tooLong : t.invalid, { line, max });
}

/**
 * The space's glossary: owners and admins edit it as one term per line (counted and checked as
 * they type, with the rules the API applies); members see the list.
 */
export function GlossaryEditor({ spaceId, glossary, t, errors }: Props) {
  const id = useId();
  const { pending, error, run } = useApiAction(errors);
  const [text, setText] = useState(glossary.terms.join("\n"));
  const [saved, setSaved] = useState(false);
  const { terms, problem } = useMemo(() => normalizeGlossary(glossaryLines(text)), [text]);

  if (!glossary.canEdit) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-zinc-600">{t.hint}</p>
        {glossary.terms.length === 0 ? (
          <p className="text-sm text-zinc-500">{t.empty}</p>
        ) : (
          <ul className="flex flex-wrap gap-1.5" data-testid="glossary-terms">
            {glossary.terms.map((term) => (
              <li key={term} className="rounded bg-zinc-100 px-2 py-0.5 text-sm text-zinc-800">
                {term}
              </li>
            ))}
          </ul>
        )}
        <p className="text-xs text-zinc-500">{t.readOnly}</p>
      </div>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (problem) return;
    const data = await run(captionsApi.replaceGlossary, {
      params: { spaceId },
      json: { terms: glossaryLines(text) },
    });
    if (data === undefined) return;
    const stored = data.glossary.terms;
    setText(stored.join("\n"));
    setSaved(true);
  }

  const shownError = problem ? problemText(problem, t) : error;
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-describedby={`${id}-hint ${id}-error`}>
      <p id={`${id}-hint`} className="text-sm text-zinc-600">
        {t.hint}
      </p>
      <label htmlFor={`${id}-terms`} className={labelClass}>
        {t.label}
      </label>
      <textarea
        id={`${id}-terms`}
        name="terms"
        rows={8}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSaved(false);
        }}
        className={`${inputClass} font-mono`}
        aria-invalid={shownError ? true : undefined}
      />
      <p className="text-xs text-zinc-500" data-testid="glossary-count">
        {format(t.count, { count: terms.length, max: GLOSSARY_LIMITS.terms })}
      </p>
      <PendingButton type="submit" variant="secondary" pending={pending} pendingLabel={t.saving}>
        {t.save}
      </PendingButton>
      <FormError id={`${id}-error`} message={shownError} />
      <FormStatus message={saved ? t.saved : null} />
    </form>
  );
}
