"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import Link from "next/link";
import { formatDateTime, formatInteger } from "@/lib/format";
import { CategorySwatch, useCategoryColor } from "../ui/category-colors";

export type EventNodeData = {
  eventId: string;
  type: string;
  category: string;
  streamId: string;
  recordedAt: string;
  depth: number;
  root: boolean;
  inLoop: boolean;
};

export type GroupNodeData = {
  groupId: string;
  pattern: string[];
  repetitions: number;
  count: number;
  category: string;
  from: string;
  to: string;
  inLoop: boolean;
  loading: boolean;
  onExpand: (groupId: string) => void;
};

export type EventNode = Node<EventNodeData, "event">;
// Not "group": React Flow has a built-in node type of that name, with its own frame.
export type GroupNode = Node<GroupNodeData, "pattern">;
export type GraphFlowNode = EventNode | GroupNode;

export const EVENT_SIZE = { width: 230, height: 66 };
export const GROUP_SIZE = { width: 290, height: 84 };

/** "14:02:31.250" in UTC: events of a loop are milliseconds apart. */
function clock(time: string): string {
  return `${time.slice(11, 23)}`;
}

/** One event: a link that opens it on its stream page (the drawer), labelled by type and time. */
export function EventNodeView({ data }: NodeProps<EventNode>) {
  const color = useCategoryColor()(data.category);
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <Link
        href={`/events/${data.eventId}`}
        className={`cg-node cg-event${data.inLoop ? " cg-loop" : ""}${data.root ? " cg-root" : ""}`}
        style={{ borderLeftColor: color }}
        title={`${data.type} on ${data.streamId} at ${formatDateTime(data.recordedAt, { micro: true })}, depth ${data.depth}`}
        aria-label={`${data.type}, ${data.streamId}, ${formatDateTime(data.recordedAt)}${data.inLoop ? ", in a loop" : ""}: open the event`}
      >
        <span className="cg-type">{data.type}</span>
        <span className="cg-meta">
          <span className="cg-cat">
            <CategorySwatch color={color} /> {data.category}
          </span>{" "}
          · {clock(data.recordedAt)} · depth {formatInteger(data.depth)}
        </span>
      </Link>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </>
  );
}

/** A collapsed run of a repeated pattern: its count, and a button that expands it a page at a time. */
export function GroupNodeView({ data }: NodeProps<GroupNode>) {
  const color = useCategoryColor()(data.category);
  const label = `${data.pattern.join(" → ")} × ${formatInteger(data.repetitions)}`;
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <button
        type="button"
        className={`cg-node cg-group${data.inLoop ? " cg-loop" : ""}`}
        style={{ borderLeftColor: color }}
        onClick={() => data.onExpand(data.groupId)}
        disabled={data.loading}
        aria-label={`${label}, ${formatInteger(data.count)} events collapsed: expand`}
      >
        <span className="cg-type">{label}</span>
        <span className="cg-meta">
          {formatInteger(data.count)} events · {clock(data.from)}–{clock(data.to)}
        </span>
        <span className="cg-expand">{data.loading ? "Loading…" : "Expand ▾"}</span>
      </button>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </>
  );
}

export const NODE_TYPES = { event: EventNodeView, pattern: GroupNodeView };
