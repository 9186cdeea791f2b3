"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The console's one table: it never widens its page. When its columns cannot fit, it scrolls
 * inside its card, and only then becomes a labelled region keyboard users can focus and scroll.
 * Cells say how long values behave: `num` and `nowrap` stay on one line, `cell-wrap` wraps long
 * tokens, `cell-type` wraps between words only, and <Truncate> cuts a value with a tooltip.
 */
export function DataTable({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="table-scroll" {...(scrolls ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}>
      <table className={className ? `table ${className}` : "table"}>{children}</table>
    </div>
  );
}
