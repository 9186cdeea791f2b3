"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useContext } from "react";
import { ActionButton, type ActionButtonProps } from "@/components/ui/action-button";
import { ProjectionNoticeContext } from "./projection-notice";

type Props = Omit<ActionButtonProps, "onSuccess" | "showSuccess" | "size" | "feedback"> & { projection: string };

/** The shared action button for a projection: a success goes to the page's notice and refreshes what the page shows. */
export function ActionForm({ projection, ...button }: Props) {
  const queries = useQueryClient();
  const router = useRouter();
  const notify = useContext(ProjectionNoticeContext);
  const refresh = (message: string | undefined) => {
    if (message) notify?.(message);
    void queries.invalidateQueries({ queryKey: ["projection", projection] });
    void queries.invalidateQueries({ queryKey: ["projection-diff", projection] });
    router.refresh();
  };
  return <ActionButton {...button} showSuccess={!notify} onSuccess={refresh} />;
}
