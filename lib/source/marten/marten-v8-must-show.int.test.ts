import { martenMustShow } from "../../testing/marten-must-show";

// Marten 8 with string stream keys, conjoined tenancy in the public schema, correlation and causation kept (no headers).
martenMustShow({ version: 8, schema: "public", identity: "string", conjoined: true, metadata: { correlationId: true, causationId: true } }, "tenant-a");
