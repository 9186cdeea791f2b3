// GET /api/v1/schemas — every registered event type, from code (the domain module) and from data (JSON Schema), with its versions
import { apiHandler } from "@/lib/http/api-handler";
import { listEventTypes } from "@/lib/schema/list-event-types";

export const dynamic = "force-dynamic";

export const GET = apiHandler("events.read", async () => ({ types: await listEventTypes() }));
