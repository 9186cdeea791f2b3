// Runs once when the web server starts: loads the compiled domain module before any request is served.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { importBuiltDomain } = await import("./lib/domain/import-domain");
  await importBuiltDomain();
  // Types registered as JSON Schema load now and follow NOTIFY; if the database is not up yet, the first append loads them.
  const { ensureDataSchemas } = await import("./lib/schema/data-schemas");
  await ensureDataSchemas().catch((e) => console.error(`[schemas] data-registered types not loaded yet: ${(e as Error).message}`));
}
