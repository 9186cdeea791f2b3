-- Event types registered as data (PUT /api/v1/schemas/{type}/versions/{n}): a JSON Schema 2020-12
-- per version, annotated with x-pii / x-subject, and the JSON Patch that turns version n-1's data
-- into this version's (null for version 1, or when nothing needs to change).
CREATE TABLE data_schemas (
  type        text        NOT NULL CHECK (length(type) BETWEEN 1 AND 200),
  version     integer     NOT NULL CHECK (version >= 1),
  schema      jsonb       NOT NULL,
  upcast      jsonb,
  description text        NOT NULL DEFAULT '',
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (type, version)
);
