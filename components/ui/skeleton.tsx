export type SkeletonProps = { width?: string; height?: string; className?: string };

/** A grey placeholder block while a panel loads; hidden from screen readers (the region says "Loading"). */
export function Skeleton({ width = "100%", height = "1rem", className }: SkeletonProps) {
  return <span className={`skeleton${className ? ` ${className}` : ""}`} style={{ width, height }} aria-hidden="true" />;
}

/** Rows of placeholder lines, the shape of a table that is still loading. */
export function SkeletonRows({ rows = 8 }: { rows?: number }) {
  return (
    <div className="skeleton-rows" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height="1.1rem" width={`${70 + ((i * 37) % 30)}%`} />
      ))}
    </div>
  );
}

/** A loading region announced politely, so the wait is not silent for screen reader users. */
export function LoadingRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {children}
    </div>
  );
}
