import type { Metadata } from "next";
import { headers } from "next/headers";
import { Providers } from "@/components/providers";
import { Sidebar } from "@/components/shell/sidebar";
import { isPublicPage } from "@/lib/auth/public-paths";
import { getViewer } from "@/lib/auth/viewer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hindsight", template: "%s · Hindsight" },
  description: "Operations console for event-sourced systems whose event store lives in PostgreSQL",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The proxy names the page being rendered; only the sign-in page renders without a viewer.
  const path = ((await headers()).get("x-hindsight-path") ?? "/").split("?")[0];
  if (isPublicPage(path)) {
    return (
      <html lang="en">
        <body className="bare">{children}</body>
      </html>
    );
  }
  const viewer = await getViewer();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        {/* One query cache for the shell and the page: the firing badge and the Alerts page share their count. */}
        <Providers>
          <div className="shell">
            <Sidebar viewer={{ name: viewer.name, email: viewer.email, role: viewer.role, pii: viewer.pii, permissions: [...viewer.permissions] }} />
            <main id="main" className="main" tabIndex={-1}>
              {children}
            </main>
          </div>
        </Providers>
      </body>
    </html>
  );
}
