import type { TypeCycle } from "@/lib/causation/cycles";
import { formatInteger } from "@/lib/format";

/** The strongly connected components of the type graph: each a loop A → B → … → A. */
export function CyclesList({ cycles }: { cycles: TypeCycle[] }) {
  return (
    <ul className="cm-cycles">
      {cycles.map((c) => (
        <li key={c.types.join("\u0000")} className="cm-cycle">
          <span className="cg-type">{c.types.length === 1 ? `${c.types[0]} → ${c.types[0]}` : [...c.types, c.types[0]].join(" → ")}</span>
          <span className="muted">
            {formatInteger(c.events)} events round the cycle, about {formatInteger(c.repetitions)} times
          </span>
        </li>
      ))}
    </ul>
  );
}
