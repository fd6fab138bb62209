-- The knowledge store (REVBOT_VECTOR_DATABASE_URL). History table: revbot_knowledge_schema_history.
-- ${embedding_dimension} is the dimension of the configured embedding model when the store is first created;
-- PgVectorKnowledgeStore changes it (and rebuilds the index) on `revbot ingest --full` with another model.

CREATE EXTENSION IF NOT EXISTS vector;

-- Which model produced the vectors: one row. The store refuses to mix models.
CREATE TABLE revbot_knowledge_model (
    id          SMALLINT    PRIMARY KEY CHECK (id = 1),
    model       TEXT        NOT NULL,
    dimension   INTEGER     NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per chunk. embedding_id, embedding, text and metadata are the columns langchain4j-pgvector reads and
-- writes; the generated columns serve our own queries (sync, folder filter, full-text search).
CREATE TABLE revbot_knowledge_chunk (
    embedding_id  UUID PRIMARY KEY,
    embedding     vector(${embedding_dimension}) NOT NULL,
    text          TEXT NOT NULL,
    metadata      JSONB NOT NULL,
    document      TEXT GENERATED ALWAYS AS (metadata ->> 'document') STORED,
    folder        TEXT GENERATED ALWAYS AS (metadata ->> 'folder') STORED,
    content_hash  TEXT GENERATED ALWAYS AS (metadata ->> 'content_hash') STORED,
    search_text   tsvector GENERATED ALWAYS AS (
                      setweight(to_tsvector('english', coalesce(metadata ->> 'heading_path', '')), 'A')
                      || setweight(to_tsvector('english', text), 'B')) STORED
);

-- HNSW, never IVFFlat: IVFFlat trains its lists on the rows present when it is built, and built on an empty table
-- it returns nothing for queries an exact scan answers. HNSW needs no training.
CREATE INDEX revbot_knowledge_chunk_embedding_hnsw
    ON revbot_knowledge_chunk USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);

CREATE INDEX revbot_knowledge_chunk_search_text ON revbot_knowledge_chunk USING gin (search_text);
CREATE INDEX revbot_knowledge_chunk_document ON revbot_knowledge_chunk (document);
