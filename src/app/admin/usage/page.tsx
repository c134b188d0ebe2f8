import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardTitle, buttonClass } from "@/components/ui";
import { UsageCharts } from "@/components/usage/usage-charts";
import { dateTimeFormatter, format } from "@/i18n/format";
import { getMessages } from "@/i18n/server";
import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import { isAdmin } from "@/modules/core/identity/domain/admin";
import { currentUser } from "@/server/auth";
import { getUsageStats, listUsageFilterOptions } from "@/modules/core/usage";
import { usageStatsQuerySchema } from "@/modules/core/usage/domain/usage-stats";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.adminUsage.title };
}

/** The form leaves unused filters empty; repeated keys keep their first value. */
function readQuery(raw: Record<string, string | string[] | undefined>) {
  const flat = Object.entries(raw)
    .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const)
    .filter((e): e is readonly [string, string] => !!e[1]);
  const parsed = usageStatsQuerySchema.safeParse(Object.fromEntries(flat));
  if (parsed.success) return { query: parsed.data, invalid: null };
  const details = parsed.error.issues.map((i) => i.path.join(".") || i.message).join(", ");
  return { query: usageStatsQuerySchema.parse({}), invalid: details };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Administrators only (`ADMIN_EMAILS`); anyone else gets the same 404 as for no page at all. */
export default async function AdminUsagePage({ searchParams }: { searchParams: SearchParams }) {
  const [{ locale, t }, raw, user] = await Promise.all([getMessages(), searchParams, currentUser()]);
  const adminEmails = webEnv().ADMIN_EMAILS;
  if (!user || !isAdmin(user, adminEmails)) notFound();
  const { query, invalid } = readQuery(raw);
  const [stats, options] = await Promise.all([
    getUsageStats(getDb(), { user, adminEmails, query }),
    listUsageFilterOptions(getDb(), { user, adminEmails }),
  ]);
  const u = t.adminUsage;
  const filters = Object.fromEntries(
    (["spaceId", "from", "to", "provider"] as const).flatMap((k) => (query[k] ? [[k, query[k]!]] : [])),
  );
  const link = (extra: Record<string, string | number>) =>
    `?${new URLSearchParams({ ...filters, pageSize: String(query.pageSize), ...extra } as Record<string, string>)}`;
  const when = dateTimeFormatter(locale, "UTC");
  const totals = [
    [u.totalsStreams, String(stats.totals.streams)],
    [u.totalsReceived, fmt(stats.totals.audioSeconds / 60)],
    [u.totalsBilled, fmt(stats.totals.billedSeconds / 60)],
    [u.totalsCost, `$${stats.totals.costUsd.toFixed(4)}`],
  ];
  const input = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm";

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{u.title}</h1>
        <p className="mt-1 text-sm text-zinc-600">{u.subtitle}</p>
      </div>

      <Card>
        <CardTitle>{u.filters}</CardTitle>
        <form method="get" className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
          <label className="text-sm text-zinc-700">
            {u.space}
            <select name="spaceId" defaultValue={query.spaceId ?? ""} className={input}>
              <option value="">{u.allSpaces}</option>
              {options.spaces.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm text-zinc-700">
            {u.from}
            <input type="date" name="from" defaultValue={query.from ?? ""} className={input} />
          </label>
          <label className="text-sm text-zinc-700">
            {u.to}
            <input type="date" name="to" defaultValue={query.to ?? ""} className={input} />
          </label>
          <label className="text-sm text-zinc-700">
            {u.provider}
            <select name="provider" defaultValue={query.provider ?? ""} className={input}>
              <option value="">{u.allProviders}</option>
              {options.providers.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>
              {u.apply}
            </button>
            <Link href="/admin/usage" className={buttonClass("secondary")}>
              {u.reset}
            </Link>
          </div>
        </form>
        {invalid && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {format(u.invalidFilters, { details: invalid })}
          </p>
        )}
        <div className="mt-4">
          <a
            href={`/api/transcription/stats.csv?${new URLSearchParams(filters)}`}
            download
            className={buttonClass("secondary")}
            data-testid="usage-csv"
          >
            {u.downloadCsv}
          </a>
        </div>
      </Card>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {totals.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-zinc-200 bg-white p-3">
            <dt className="text-xs text-zinc-500">{label}</dt>
            <dd className="text-lg font-semibold text-zinc-900">{value}</dd>
          </div>
        ))}
      </dl>

      {stats.totals.streams === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500">
          {u.noData}
        </p>
      ) : (
        <UsageCharts
          t={u}
          daily={stats.daily}
          byProvider={stats.byProvider}
          topSessions={stats.topSessions}
          topSpaces={stats.topSpaces}
        />
      )}

      <Card>
        <CardTitle id="usage-table">{u.tableTitle}</CardTitle>
        {/* Focusable, so the keyboard can scroll it sideways on a narrow screen. */}
        <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="usage-table">
          <table aria-labelledby="usage-table" className="w-full text-left text-sm">
            <thead className="text-xs text-zinc-500">
              <tr>
                <th className="py-2 pr-3 font-medium">{u.when}</th>
                <th className="py-2 pr-3 font-medium">{u.space}</th>
                <th className="py-2 pr-3 font-medium">{u.session}</th>
                <th className="py-2 pr-3 font-medium">{u.speaker}</th>
                <th className="py-2 pr-3 font-medium">{u.provider}</th>
                <th className="py-2 pr-3 text-right font-medium">{u.received}</th>
                <th className="py-2 pr-3 text-right font-medium">{u.billed}</th>
                <th className="py-2 text-right font-medium">{u.cost}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {stats.rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap py-2 pr-3">{when.format(r.createdAt)}</td>
                  <td className="py-2 pr-3">{r.spaceName}</td>
                  <td className="py-2 pr-3">{r.sessionTitle}</td>
                  <td className="py-2 pr-3">{r.participantName ?? r.userName ?? "—"}</td>
                  <td className="py-2 pr-3">{r.provider}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{fmt(r.audioSeconds)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{fmt(r.billedSeconds)}</td>
                  <td className="py-2 text-right tabular-nums">${r.costUsd.toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav className="mt-4 flex items-center justify-between text-sm" aria-label={u.tableTitle}>
          {stats.page > 1 ? <Link href={link({ page: stats.page - 1 })}>← {u.previous}</Link> : <span />}
          <span className="text-zinc-500">
            {format(u.pageOf, { page: stats.page, pages: stats.pageCount })}
          </span>
          {stats.page < stats.pageCount ? (
            <Link href={link({ page: stats.page + 1 })}>{u.next} →</Link>
          ) : (
            <span />
          )}
        </nav>
      </Card>
    </div>
  );
}
