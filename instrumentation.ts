// Runs once when the web server starts: loads the compiled domain module before any request is served.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { importBuiltDomain } = await import("./lib/domain/import-domain");
  await importBuiltDomain();
}
