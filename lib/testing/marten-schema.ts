import type pg from "pg";

/** One Marten configuration, as its StoreOptions would set it. */
export type MartenConfig = {
  /** 8 keeps mt_streams' vestigial snapshot columns; 9 drops them and adds mt_events.bdata (binary events). */
  version: 8 | 9;
  /** DatabaseSchemaName (Events.DatabaseSchemaName); "public" by default in Marten. */
  schema: string;
  /** StreamIdentity.AsGuid (uuid) or AsString (varchar). */
  identity: "guid" | "string";
  /** TenancyStyle.Conjoined puts tenant_id first in mt_streams' key and in the events' unique index. */
  conjoined?: boolean;
  /** Events.MetadataConfig: the optional columns, each added only when enabled. */
  metadata?: { correlationId?: boolean; causationId?: boolean; headers?: boolean; userName?: boolean };
  /** Events.EnableUniqueIndexOnEventId and Events.EnableEventTypeIndex: the two optional indexes. */
  indexes?: { uniqueEventId?: boolean; eventType?: boolean };
};

const q = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Creates mt_streams, mt_events, mt_events_sequence and mt_event_progression as Marten's schema
 * code (Events/Schema/EventsTable.cs, StreamsTable.cs, EventGraph.FeatureSchema.cs) does for the
 * given configuration: the same columns, types, defaults, keys, foreign keys and unique index.
 */
export async function createMartenTables(c: pg.ClientBase, cfg: MartenConfig): Promise<void> {
  const s = q(cfg.schema);
  const idType = cfg.identity === "guid" ? "uuid" : "varchar";
  const m = cfg.metadata ?? {};
  const conjoined = cfg.conjoined === true;
  const streamsKey = conjoined ? "CONSTRAINT pkey_mt_streams_tenant_id_id PRIMARY KEY (tenant_id, id)" : "CONSTRAINT pkey_mt_streams_id PRIMARY KEY (id)";
  await c.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
  await c.query(`CREATE TABLE ${s}.mt_streams (
    ${conjoined ? "tenant_id varchar NOT NULL DEFAULT '*DEFAULT*'," : ""}
    id ${idType} NOT NULL,
    type varchar NULL,
    version bigint NULL,
    timestamp timestamptz NOT NULL DEFAULT (now()),
    ${cfg.version === 8 ? "snapshot jsonb NULL, snapshot_version integer NULL," : ""}
    created timestamptz NOT NULL DEFAULT (now()),
    ${conjoined ? "" : "tenant_id varchar NULL DEFAULT '*DEFAULT*',"}
    is_archived bool NULL DEFAULT FALSE,
    ${streamsKey})`);
  const optional = [
    m.correlationId ? "correlation_id varchar NULL," : "",
    m.causationId ? "causation_id varchar NULL," : "",
    m.headers ? "headers jsonb NULL," : "",
    m.userName ? "user_name varchar NULL," : "",
  ].join("\n    ");
  await c.query(`CREATE TABLE ${s}.mt_events (
    seq_id bigint NOT NULL,
    id uuid NOT NULL,
    stream_id ${idType} NULL,
    version bigint NOT NULL,
    data jsonb NOT NULL,
    ${cfg.version === 9 ? "bdata bytea NULL," : ""}
    type varchar(500) NOT NULL,
    timestamp timestamptz NOT NULL DEFAULT (now()),
    tenant_id varchar NULL DEFAULT '*DEFAULT*',
    mt_dotnet_type varchar NULL,
    ${optional}
    is_archived bool NULL DEFAULT FALSE,
    CONSTRAINT pkey_mt_events_seq_id PRIMARY KEY (seq_id),
    ${
      conjoined
        ? `CONSTRAINT fkey_mt_events_stream_id_tenant_id FOREIGN KEY (tenant_id, stream_id) REFERENCES ${s}.mt_streams (tenant_id, id)`
        : `CONSTRAINT fkey_mt_events_stream_id FOREIGN KEY (stream_id) REFERENCES ${s}.mt_streams (id) ON DELETE CASCADE`
    })`);
  await c.query(`CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON ${s}.mt_events USING btree (${conjoined ? "tenant_id, " : ""}stream_id, version)`);
  if (cfg.indexes?.uniqueEventId) await c.query(`CREATE UNIQUE INDEX idx_mt_events_event_id ON ${s}.mt_events USING btree (id)`);
  if (cfg.indexes?.eventType) await c.query(`CREATE INDEX idx_mt_events_event_type_seq_id ON ${s}.mt_events USING btree (type, seq_id)`);
  await c.query(`CREATE SEQUENCE ${s}.mt_events_sequence`);
  await c.query(`ALTER SEQUENCE ${s}.mt_events_sequence OWNED BY ${s}.mt_events.seq_id`);
  await c.query(`CREATE TABLE ${s}.mt_event_progression (
    name varchar NOT NULL,
    last_seq_id bigint NULL,
    last_updated timestamptz NULL DEFAULT (transaction_timestamp()),
    CONSTRAINT pk_mt_event_progression PRIMARY KEY (name))`);
}

/** A read-only role for Hindsight over the Marten schema; `stats` adds pg_read_all_stats, which the gap watch needs. */
export async function grantMartenReader(c: pg.ClientBase, schema: string, role: string, grants: { select?: boolean; stats?: boolean } = {}): Promise<void> {
  await c.query(`GRANT USAGE ON SCHEMA ${q(schema)} TO ${q(role)}`);
  if (grants.select !== false) await c.query(`GRANT SELECT ON ${q(schema)}.mt_events, ${q(schema)}.mt_streams TO ${q(role)}`);
  if (grants.stats !== false) await c.query(`GRANT pg_read_all_stats TO ${q(role)}`);
}
