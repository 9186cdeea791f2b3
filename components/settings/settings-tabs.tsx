import Link from "next/link";

/** Settings and Users are both admin areas: tabs make the pair easy to move between. */
export function SettingsTabs({ current }: { current: "tokens" | "users" }) {
  return (
    <nav className="tabs" aria-label="Administration">
      <Link href="/settings" className="tab" aria-current={current === "tokens" ? "page" : undefined}>
        API tokens
      </Link>
      <Link href="/users" className="tab" aria-current={current === "users" ? "page" : undefined}>
        Users
      </Link>
    </nav>
  );
}
