import Form from "next/form";
import Link from "next/link";
import { MAP_WINDOWS, WINDOW_LABELS, type MapWindow } from "@/lib/causation/map-window";

const local = (d: Date) => d.toISOString().slice(0, 16);

/** Last hour / day / week / 30 days as links, and a custom UTC window as a GET form. */
export function WindowControls({ window }: { window: MapWindow }) {
  return (
    <div className="cm-window">
      <nav className="segmented" aria-label="Window">
        {(Object.keys(MAP_WINDOWS) as (keyof typeof MAP_WINDOWS)[]).map((k) => (
          <Link key={k} href={`/causation?window=${k}`} className="segmented-item" aria-current={window.key === k ? "page" : undefined} scroll={false}>
            {WINDOW_LABELS[k]}
          </Link>
        ))}
      </nav>
      <Form action="/causation" className="cm-custom" aria-label="Custom window">
        <input type="hidden" name="window" value="custom" />
        <label>
          <span className="visually-hidden">From (UTC)</span>
          <input type="datetime-local" name="from" defaultValue={local(window.from)} className="input" />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="visually-hidden">To (UTC)</span>
          <input type="datetime-local" name="to" defaultValue={local(window.to)} className="input" />
        </label>
        <button type="submit" className="button" aria-current={window.key === "custom" ? "true" : undefined}>
          Custom (UTC)
        </button>
      </Form>
    </div>
  );
}
