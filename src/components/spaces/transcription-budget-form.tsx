"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { Messages } from "@/i18n/messages/en";
import { format } from "@/i18n/format";
import { FormError, FormStatus, PendingButton, buttonClass, inputClass, labelClass } from "../ui";
import { usageApi } from "@/modules/core/usage/api/contract";
import { useApiAction } from "../use-api";

type Props = {
  spaceId: string;
  locale: string;
  budget: { budgetUsd: number | null; spentUsd: number; share: number | null; canEdit: boolean };
  t: Messages["transcriptionBudget"];
  errors: Messages["errors"];
};

export const usd = (locale: string, amount: number) =>
  new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 2 }).format(
    amount,
  );

/** The space's monthly captions budget: owners set or remove it, admins see it and this month's spend. */
export function TranscriptionBudgetForm({ spaceId, locale, budget, t, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);
  const [saved, setSaved] = useState(false);

  async function save(budgetUsd: number | null) {
    setSaved(false);
    const result = await run(usageApi.setBudget, { params: { spaceId }, json: { budgetUsd } });
    if (result === undefined) return;
    setSaved(true);
    router.refresh();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("budget") ?? "").trim();
    void save(raw === "" ? null : Math.round(Number(raw) * 100) / 100);
  }

  const spent =
    budget.budgetUsd === null
      ? format(t.spentNoBudget, { spent: usd(locale, budget.spentUsd) })
      : format(t.spent, {
          spent: usd(locale, budget.spentUsd),
          budget: usd(locale, budget.budgetUsd),
          percent: Math.round((budget.share ?? 0) * 100),
        });

  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600">{t.hint}</p>
      <p className="text-sm font-medium text-zinc-900" data-testid="budget-spent">
        {spent}
      </p>
      {budget.canEdit ? (
        <form onSubmit={onSubmit} className="space-y-3" aria-describedby={`${id}-error`}>
          <label htmlFor={`${id}-budget`} className={labelClass}>
            {t.label}
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id={`${id}-budget`}
              name="budget"
              type="number"
              min={0}
              step={0.01}
              inputMode="decimal"
              placeholder={t.none}
              defaultValue={budget.budgetUsd ?? ""}
              className={inputClass}
              aria-invalid={error ? true : undefined}
              onChange={() => setSaved(false)}
            />
            <PendingButton
              type="submit"
              variant="secondary"
              className="shrink-0"
              pending={pending}
              pendingLabel={t.saving}
            >
              {t.save}
            </PendingButton>
          </div>
          {budget.budgetUsd !== null && (
            <button
              type="button"
              className={buttonClass("ghost")}
              disabled={pending}
              onClick={() => void save(null)}
            >
              {t.clear}
            </button>
          )}
          <FormError id={`${id}-error`} message={error} />
          <FormStatus message={saved ? t.saved : null} />
        </form>
      ) : (
        <p className="text-sm text-zinc-600">
          {budget.budgetUsd === null ? t.none : usd(locale, budget.budgetUsd)}
        </p>
      )}
    </div>
  );
}
