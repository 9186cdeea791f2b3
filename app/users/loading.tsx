import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function UsersLoading() {
  return (
    <LoadingRegion label="Loading users">
      <PageHeader title="Users" description="Who can sign in and what their role lets them do. Changes apply from each person's next request." />
      <div className="panel">
        <SkeletonRows rows={4} />
      </div>
      <div className="panel">
        <SkeletonRows rows={8} />
      </div>
    </LoadingRegion>
  );
}
