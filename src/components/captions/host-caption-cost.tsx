"use client";

import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { BUDGET_WARN_SHARE } from "@/modules/core/usage/domain/budget";
import { usageApi } from "@/modules/core/usage/api/contract";
import { usePolling } from "../use-polling";

const POLL_MS = 5000;

/**
 * The host's running transcription cost of this call and the space's budget state, polled from the
 * session's usage endpoint (which only the host, space owners/admins and site admins may read: for
 * anyone else it answers 404 and nothing shows).
 */
export function HostCaptionCost({
  slug,
  locale,
  enabled,
  t,
  errors,
}: {
  slug: string;
  locale: string;
  enabled: boolean;
  t: Messages["call"]["captions"];
  errors: Messages["errors"];
}) {
  const usage = usePolling(usageApi.sessionUsage, enabled ? { slug } : null, POLL_MS, errors);
  if (!usage) return null;

  const cost = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(usage.totals.costUsd);
  const share = usage.budget.share;
  const budgetNote =
    share === null || share < BUDGET_WARN_SHARE
      ? null
      : share >= 1
        ? t.budgetUsedUp
        : format(t.budgetNear, { percent: Math.floor(share * 100) });
  return (
    <div className="flex shrink-0 items-center gap-2 text-xs" data-testid="host-caption-cost">
      <span className="text-zinc-400" title={t.liveCostTitle}>
        {format(t.liveCost, { cost })}
      </span>
      {budgetNote && (
        <span role="status" className="rounded bg-amber-400 px-2 py-0.5 font-medium text-amber-950">
          {budgetNote}
        </span>
      )}
    </div>
  );
}
