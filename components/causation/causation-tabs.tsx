import Link from "next/link";

/** Map (and graphs) | Guards: the two views of the Causation area. */
export function CausationTabs({ current }: { current: "map" | "guards" }) {
  return (
    <nav className="segmented" aria-label="Causation views">
      <Link href="/causation" className="segmented-item" aria-current={current === "map" ? "page" : undefined}>
        Map and graphs
      </Link>
      <Link href="/causation/guards" className="segmented-item" aria-current={current === "guards" ? "page" : undefined}>
        Guards
      </Link>
    </nav>
  );
}
