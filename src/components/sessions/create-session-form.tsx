"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { AUTO_LANGUAGE } from "@/modules/core/captions/domain/caption-languages";
import { FormError, PendingButton, labelClass, selectClass, TextField } from "../ui";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { useApiAction } from "../use-api";
import type { CaptionLanguageChoice } from "./caption-language-options";

type Props = {
  spaceId: string;
  /** What this server's recognizer can caption, and the default (the UI language when it can). */
  captionLanguages: CaptionLanguageChoice;
  t: Messages["sessions"];
  errors: Messages["errors"];
};

const checkboxClass = "mt-0.5 size-4 shrink-0 rounded border-zinc-300 text-indigo-600 accent-indigo-600";

export function CreateSessionForm({ spaceId, captionLanguages, t, errors }: Props) {
  const { options, autoDetect, defaultLanguage, uiLanguageMissing } = captionLanguages;
  const noRecognizer = options.length === 0;
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);
  const [transcription, setTranscription] = useState(true);
  const [guests, setGuests] = useState(false);
  // Stays busy until the session page has loaded, so a second click cannot create a second session.
  const [leaving, setLeaving] = useState(false);
  const busy = pending || leaving;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const max = String(data.get("maxParticipants") ?? "").trim();
    const result = await run(sessionsApi.create, {
      params: { spaceId },
      json: {
        title: String(data.get("title") ?? ""),
        maxParticipants: max ? Number(max) : null,
        transcriptionEnabled: transcription,
        // A disabled select sends nothing: the server picks its default.
        transcriptionLanguage: (data.get("language") as string | null) ?? undefined,
        allowGuests: guests,
        guestsKnock: guests && data.get("guestsKnock") === "on",
        recordingAllowed: data.get("recordingAllowed") === "on",
      },
    });
    if (!result) return;
    setLeaving(true);
    router.push(result.session.path);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-describedby={`${id}-error`}>
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <TextField
          id={`${id}-title`}
          label={t.titleLabel}
          name="title"
          required
          maxLength={120}
          autoComplete="off"
          placeholder={t.titlePlaceholder}
          error={error}
          errorId={`${id}-error`}
        />
        <TextField
          id={`${id}-max`}
          label={t.maxLabel}
          name="maxParticipants"
          type="number"
          inputMode="numeric"
          min={2}
          max={100}
          step={1}
          describedBy={`${id}-max-hint`}
        />
      </div>
      <p id={`${id}-max-hint`} className="-mt-2 text-xs text-zinc-500 sm:text-right">
        {t.maxHint}
      </p>

      <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
        <div className="flex gap-3">
          <input
            id={`${id}-transcription`}
            type="checkbox"
            checked={transcription}
            onChange={(e) => setTranscription(e.target.checked)}
            aria-describedby={`${id}-transcription-hint`}
            className={checkboxClass}
          />
          <div>
            <label htmlFor={`${id}-transcription`} className={labelClass}>
              {t.transcriptionLabel}
            </label>
            <p id={`${id}-transcription-hint`} className="text-xs text-zinc-500">
              {t.transcriptionHint}
            </p>
          </div>
        </div>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-language`} className={labelClass}>
            {t.languageLabel}
          </label>
          <select
            id={`${id}-language`}
            name="language"
            defaultValue={defaultLanguage}
            disabled={!transcription || noRecognizer}
            aria-describedby={`${id}-language-hint`}
            className={`${selectClass} disabled:bg-zinc-50 disabled:text-zinc-400`}
          >
            {autoDetect && <option value={AUTO_LANGUAGE}>{t.languageAuto}</option>}
            {options.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          <p id={`${id}-language-hint`} className="text-xs text-zinc-500" data-testid="caption-language-hint">
            {noRecognizer
              ? t.languageNone
              : uiLanguageMissing
                ? format(t.languageNotOffered, { language: uiLanguageMissing })
                : t.languageHint}
          </p>
        </div>
      </div>

      <div className="flex gap-3">
        <input
          id={`${id}-guests`}
          name="allowGuests"
          type="checkbox"
          checked={guests}
          onChange={(e) => setGuests(e.target.checked)}
          aria-describedby={`${id}-guests-hint`}
          className={checkboxClass}
        />
        <div>
          <label htmlFor={`${id}-guests`} className={labelClass}>
            {t.allowGuestsLabel}
          </label>
          <p id={`${id}-guests-hint`} className="text-xs text-zinc-500">
            {t.allowGuestsHint}
          </p>
        </div>
      </div>
      {/* Under its parent: meaningful only when guests may come, and the hint says so when not. */}
      <div className="ml-7 flex gap-3">
        <input
          id={`${id}-knock`}
          name="guestsKnock"
          type="checkbox"
          disabled={!guests}
          aria-describedby={`${id}-knock-hint`}
          className={`${checkboxClass} disabled:opacity-50`}
        />
        <div>
          <label htmlFor={`${id}-knock`} className={labelClass}>
            {t.guestsKnockLabel}
          </label>
          <p id={`${id}-knock-hint`} className="text-xs text-zinc-500">
            {guests ? t.guestsKnockHint : t.guestsKnockOff}
          </p>
        </div>
      </div>

      <div className="flex gap-3">
        <input
          id={`${id}-recording`}
          name="recordingAllowed"
          type="checkbox"
          defaultChecked
          aria-describedby={`${id}-recording-hint`}
          className={checkboxClass}
        />
        <div>
          <label htmlFor={`${id}-recording`} className={labelClass}>
            {t.recordingAllowedLabel}
          </label>
          <p id={`${id}-recording-hint`} className="text-xs text-zinc-500">
            {t.recordingAllowedHint}
          </p>
        </div>
      </div>

      <FormError id={`${id}-error`} message={error} />
      <PendingButton type="submit" pending={busy} pendingLabel={t.creating}>
        {t.create}
      </PendingButton>
    </form>
  );
}
