import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { StateChange } from "@/lib/stream-page/types";
import { jsonPreview } from "./json-view";

const TONES: Record<StateChange["kind"], BadgeTone> = { added: "success", removed: "danger", changed: "info" };

/** Field-level changes as a table: path, kind, before and after (masked PII keeps its pill text). */
export function DiffChanges({ changes }: { changes: StateChange[] }) {
  if (changes.length === 0) return <p className="muted">No field changed between these two points.</p>;
  return (
    <table className="table tm-changes">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Change</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.kind}:${c.path}`}>
            <td className="mono">{c.path || "(whole state)"}</td>
            <td>
              <Badge tone={TONES[c.kind]}>{c.kind}</Badge>
            </td>
            <td className="mono tm-value">{"before" in c ? jsonPreview(c.before, 120) : <span className="muted">—</span>}</td>
            <td className="mono tm-value">{"after" in c ? jsonPreview(c.after, 120) : <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
