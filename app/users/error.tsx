"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function UsersError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load the users" error={error} retry={retry} />;
}
