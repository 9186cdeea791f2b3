// hindsight/domain — what a domain module imports: defineDomain, the types of its parts, and small helpers.
// Pure code only (no database, no server-only): it is bundled into the user's compiled module.
export { defineDomain, type Domain, type DomainAlertRule, type DomainDef, type DomainSnapshotPolicy } from "./domain";
export type { EventTypeDef, JsonObject, PiiField, SchemaVersionDef } from "../schema/registry";
export { defineProjection, type AcceptedType, type AnyProjectionDef, type ProjectionDef, type ProjectionEvent } from "../projections/projection";
export { cents, num, text, type AnyReducer, type FoldEvent, type Reducer } from "../stream-state/reducer";
export { isPlainObject } from "../json";
// The zod a domain's schemas are written with, so a module needs no dependencies of its own.
export { z } from "zod";
