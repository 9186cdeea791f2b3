import { PageLoading } from "@/components/ui/page-loading";

export default function UsersLoading() {
  return <PageLoading label="Loading users" title="Users" description="Who can sign in and what their role lets them do. Changes apply from each person's next request." panels={[4, 8]} />;
}
