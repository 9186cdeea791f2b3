"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime, formatDuration, formatInteger } from "@/lib/format";
import { startDrillAction } from "@/lib/projections/projection-actions";
import type { DrillView } from "@/lib/projections/projection-views";
import { ActionForm } from "./action-form";

/** Recovery drills: durations over time (the real time to recover) and a button to run one. */
export function DrillsPanel({ name, drills, maxPartitions, canRebuild }: { name: string; drills: DrillView[]; maxPartitions: number; canRebuild: boolean }) {
  const [partitions, setPartitions] = useState(Math.min(2, maxPartitions));
  const done = drills.filter((d) => d.status === "completed" && d.seconds !== null).reverse();
  const running = drills.find((d) => d.status === "running");
  return (
    <div className="drills">
      {done.length ? (
        <div className="chart" aria-label="Drill durations over time against the recovery-time objective">
          <ResponsiveContainer width="100%" height={180} initialDimension={{ width: 700, height: 180 }}>
            <LineChart data={done.map((d) => ({ at: d.startedAt, seconds: d.seconds, objective: d.rtoSeconds }))} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke="#e4e7ec" />
              <XAxis dataKey="at" tickFormatter={(s: string) => formatDateTime(s).slice(0, 16)} tick={{ fontSize: 12 }} minTickGap={40} />
              <YAxis tickFormatter={(v: number) => formatDuration(v)} tick={{ fontSize: 12 }} width={70} />
              <Tooltip formatter={(v, key) => [formatDuration(Number(v)), key === "objective" ? "objective" : "time to recover"]} labelFormatter={(l) => formatDateTime(String(l))} />
              <Line type="monotone" dataKey="seconds" name="time to recover" stroke="#4f6bed" strokeWidth={2} dot isAnimationActive={false} />
              {/* The recovery-time objective each scheduled drill was measured against: points above it raise drill_objective alerts. */}
              <Line type="stepAfter" dataKey="objective" name="objective" stroke="#d92d20" strokeDasharray="6 4" strokeWidth={1.5} dot={false} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="muted">No drill has run yet. A drill rebuilds the live version into a scratch version, times it to caught-up, and discards it.</p>
      )}
      {drills.length ? (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Version</th>
              <th scope="col" className="num">Partitions</th>
              <th scope="col" className="num">Events</th>
              <th scope="col" className="num">Time to recover</th>
              <th scope="col" className="num">Objective</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {drills.slice(0, 10).map((d) => (
              <tr key={d.id}>
                <td>{formatDateTime(d.startedAt)}</td>
                <td>v{d.codeVersion}</td>
                <td className="num">{d.partitions}</td>
                <td className="num">{d.events === null ? "—" : formatInteger(d.events)}</td>
                <td className="num">{formatDuration(d.seconds)}</td>
                <td className="num">{d.rtoSeconds === null ? "—" : formatDuration(d.rtoSeconds)}</td>
                <td>
                  {d.status}
                  {d.trigger === "schedule" ? " (scheduled)" : ""}
                  {d.seconds !== null && d.rtoSeconds !== null && d.seconds > d.rtoSeconds ? " — over objective" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canRebuild ? (
        <div className="inline-form">
          <label htmlFor="drill-partitions">Partitions</label>
          <input id="drill-partitions" type="number" className="input" min={1} max={maxPartitions} value={partitions} disabled={maxPartitions === 1} onChange={(e) => setPartitions(Number(e.target.value) || 1)} />
          <ActionForm action={startDrillAction} projection={name} fields={{ name, partitions: Math.min(partitions, maxPartitions) }} label="Run a drill now" disabled={!!running} title={running ? "A drill is running" : undefined} />
        </div>
      ) : null}
    </div>
  );
}
