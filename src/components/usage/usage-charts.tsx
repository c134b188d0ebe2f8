"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Messages } from "@/i18n/messages/en";
import type {
  DailyUsage,
  ProviderUsage,
  SessionUsageSummary,
  SpaceUsageSummary,
} from "@/modules/core/usage/domain/usage-stats";

type Props = {
  t: Messages["adminUsage"];
  daily: DailyUsage[];
  byProvider: ProviderUsage[];
  topSessions: SessionUsageSummary[];
  topSpaces: SpaceUsageSummary[];
};

const COLORS = ["#4f46e5", "#0891b2", "#16a34a", "#ca8a04", "#dc2626", "#9333ea"];
// Fixed sizes (no ResponsiveContainer): the server's HTML reserves each chart's box, so nothing
// jumps when recharts draws after hydration; narrow screens scroll them sideways.
const W = 460;
const H = 240;
const minutes = (s: number) => Math.round((s / 60) * 100) / 100;
const usd = (v: number) => `$${v.toFixed(v < 1 ? 4 : 2)}`;

function Chart({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <figure className="min-w-0 rounded-lg border border-zinc-200 bg-white p-3">
      <figcaption className="mb-2 text-sm font-semibold text-zinc-900">{title}</figcaption>
      {/* Focusable, so the keyboard can scroll a chart sideways on a narrow screen. */}
      <div className="overflow-x-auto" tabIndex={0}>
        {children}
      </div>
    </figure>
  );
}

export function UsageCharts({ t, daily, byProvider, topSessions, topSpaces }: Props) {
  const days = daily.map((d) => ({
    day: d.day,
    received: minutes(d.audioSeconds),
    billed: minutes(d.billedSeconds),
    cost: d.costUsd,
  }));
  const tooltipUsd = (v: unknown) => usd(Number(v));
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="usage-charts">
      <Chart title={t.minutesPerDay}>
        <BarChart width={W} height={H} data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="received" name={t.receivedMinutes} fill={COLORS[1]} isAnimationActive={false} />
          <Bar dataKey="billed" name={t.billedMinutes} fill={COLORS[0]} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <Chart title={t.costPerDay}>
        <LineChart width={W} height={H} data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis fontSize={11} tickFormatter={usd} />
          <Tooltip formatter={tooltipUsd} />
          <Line dataKey="cost" name={t.cost} stroke={COLORS[0]} dot isAnimationActive={false} />
        </LineChart>
      </Chart>
      <Chart title={t.costByProvider}>
        <PieChart width={W} height={H}>
          <Pie
            data={byProvider}
            dataKey="costUsd"
            nameKey="provider"
            outerRadius={90}
            label={({ name }) => String(name)}
            isAnimationActive={false}
          >
            {byProvider.map((p, i) => (
              <Cell key={p.provider} fill={COLORS[i % COLORS.length]} />
            ))}
          </Pie>
          <Tooltip formatter={tooltipUsd} />
        </PieChart>
      </Chart>
      <Chart title={t.topSessions}>
        <BarChart width={W} height={H} data={topSessions} layout="vertical" margin={{ left: 40 }}>
          <XAxis type="number" fontSize={11} tickFormatter={usd} />
          <YAxis type="category" dataKey="title" width={120} fontSize={11} />
          <Tooltip formatter={tooltipUsd} />
          <Bar dataKey="costUsd" name={t.cost} fill={COLORS[2]} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <Chart title={t.topSpaces}>
        <BarChart width={W} height={H} data={topSpaces} layout="vertical" margin={{ left: 40 }}>
          <XAxis type="number" fontSize={11} tickFormatter={usd} />
          <YAxis type="category" dataKey="spaceName" width={120} fontSize={11} />
          <Tooltip formatter={tooltipUsd} />
          <Bar dataKey="costUsd" name={t.cost} fill={COLORS[3]} isAnimationActive={false} />
        </BarChart>
      </Chart>
    </div>
  );
}
