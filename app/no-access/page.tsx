import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/viewer";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "No access" };
export const dynamic = "force-dynamic";

// Any signed-in user: where pages send people whose role does not open them (the denial is already audited).
export default async function NoAccessPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await getViewer();
  const params = await props.searchParams;
  const page = firstParam(params, "page")?.split("?")[0];
  return (
    <>
      <PageHeader title="You do not have access to this page" />
      <div className="not-built no-access" role="alert">
        <p className="not-built-lead">
          {page ? (
            <>
              <code>{page}</code> is not open to your role
            </>
          ) : (
            "This page is not open to your role"
          )}{" "}
          ({ROLE_LABELS[viewer.role]}).
        </p>
        <p>If you need it for your work, ask an admin to change your role. The attempt has been recorded in the audit log.</p>
        <p className="muted">
          <Link href="/">Go to the overview</Link>
        </p>
      </div>
    </>
  );
}
