// The types a registered statement's json/jsonb columns may be declared to hold (TypedSqlOptions.json):
// lib/generated/sql-rows.ts imports them from here by name.
export type { JsonObject } from "../schema/registry";
export type { RawAppendResult } from "../store/append-to-stream";
