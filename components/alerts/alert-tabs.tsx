import Link from "next/link";

export const ALERT_TABS = ["alerts", "rules", "silences", "webhooks"] as const;
export type AlertTab = (typeof ALERT_TABS)[number];

const LABELS: Record<AlertTab, string> = { alerts: "Alerts", rules: "Rules", silences: "Silences", webhooks: "Webhooks" };

/** The Alerts page's four views; counts say where attention is needed. */
export function AlertTabs({ current, counts }: { current: AlertTab; counts: Partial<Record<AlertTab, number>> }) {
  return (
    <nav className="tabs" aria-label="Alerting">
      {ALERT_TABS.map((tab) => (
        <Link key={tab} href={tab === "alerts" ? "/alerts" : `/alerts?tab=${tab}`} className="tab" aria-current={current === tab ? "page" : undefined}>
          {LABELS[tab]}
          {counts[tab] ? <span className="tab-count">{counts[tab]}</span> : null}
        </Link>
      ))}
    </nav>
  );
}
