import type { SourceCapabilities } from "@/lib/source/contract";
import { sourceCapability } from "@/lib/source/require-capability";
import { EmptyState } from "./empty-state";

/**
 * On a page whose feature the configured source cannot offer (appending, archiving, shredding over
 * another store), says so with the capability's reason instead of an error or an empty page.
 */
export function SourceNotice({ capability, title }: { capability: keyof SourceCapabilities; title: string }) {
  const cap = sourceCapability(capability);
  if (cap.ok) return null;
  return (
    <div data-testid="source-notice">
      <EmptyState title={title}>
        <p>{cap.reason}.</p>
      </EmptyState>
    </div>
  );
}
