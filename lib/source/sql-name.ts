/** A quoted schema-qualified name, so a configured schema (HINDSIGHT_SOURCE_SCHEMA) can never inject SQL. */
export function qualified(schema: string, name: string): string {
  return `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
}
