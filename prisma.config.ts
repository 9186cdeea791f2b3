import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { migrationPoolConfig, runScriptsWhole } from "./lib/db-config";

// `prisma generate` reads the schema's env("DATABASE_URL") even though it never connects.
process.env.DATABASE_URL ??= "postgresql://hindsight@localhost:5432/hindsight";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  // Migrations run through the pg driver adapter: Prisma 6.19's WASM schema engine needs no download.
  adapter: async () => {
    const factory = new PrismaPg(migrationPoolConfig(process.env.DATABASE_URL!));
    const connect = factory.connect.bind(factory);
    const connectToShadowDb = factory.connectToShadowDb.bind(factory);
    factory.connect = async () => runScriptsWhole(await connect());
    factory.connectToShadowDb = async () => runScriptsWhole(await connectToShadowDb());
    return factory;
  },
});
