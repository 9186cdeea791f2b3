"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function AuditError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load the audit log" error={error} retry={retry} />;
}
