"use client";

import { createContext } from "react";

/**
 * Where a projection action's success message goes. A promote or rollback swaps the very panel its
 * button sat in, so a message kept beside the button would vanish with it; the detail view holds
 * the last one above its panels instead.
 */
export const ProjectionNoticeContext = createContext<((message: string) => void) | null>(null);
