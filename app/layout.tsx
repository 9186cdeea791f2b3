import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import { Sidebar } from "@/components/shell/sidebar";
import { getViewer } from "@/lib/auth/viewer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hindsight", template: "%s · Hindsight" },
  description: "Operations console for event-sourced systems whose event store lives in PostgreSQL",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <div className="shell">
          <Sidebar viewerLabel={viewer.label} piiMode={viewer.pii} />
          <main id="main" className="main" tabIndex={-1}>
            <Providers>{children}</Providers>
          </main>
        </div>
      </body>
    </html>
  );
}
