import Link from "next/link";
import { Panel } from "@/components/ui/panel";
import { listArchivePolicies } from "@/lib/archive/archive-policies";
import { getStorageTiers } from "@/lib/archive/list-archive";
import { PolicySavings, StorageTiers } from "./storage-tiers";

/** The growth page's view of archiving: storage by tier, bytes moved, and what each policy saves. */
export async function GrowthArchivePanel() {
  const [tiers, policies] = await Promise.all([getStorageTiers(), listArchivePolicies()]);
  return (
    <Panel title="Storage by tier" subtitle="Hot rows, cold segments and legal-hold copies; archiving keeps the hot table small" action={<Link href="/archive">Archive</Link>}>
      <StorageTiers tiers={tiers} />
      <div className="archive-savings">
        <PolicySavings policies={policies} />
      </div>
    </Panel>
  );
}
