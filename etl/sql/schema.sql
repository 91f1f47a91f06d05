-- The stored tables. Every table and column is described in docs/schema.md.
-- Facts (what pages said, when) are kept as observed; everything an analyst reads is
-- derived from them by derive.sql after each load, and exposed through views.sql.

create table if not exists schema_info (
    schema_version integer not null,
    etl_version    varchar not null
);

create table if not exists load_runs (
    run_id            integer primary key,
    command           varchar not null,      -- load | rebuild | demo | update
    started_at        timestamptz not null,
    finished_at       timestamptz,
    inputs            integer not null default 0,
    new_pages         integer not null default 0,
    updated_pages     integer not null default 0,
    unchanged_pages   integer not null default 0,
    quarantined_pages integer not null default 0,
    snapshots_added   integer not null default 0
);

-- Every input accepted into the raw archive, parsed or not.
create table if not exists raw_files (
    sha256        varchar primary key,
    file_name     varchar not null,          -- the name it was given to us under
    size_bytes    bigint not null,
    url           varchar,                   -- from the page, or the crawl manifest
    observed_at   timestamptz not null,      -- when its numbers were true (see docs/schema.md)
    observed_from varchar not null,          -- manifest | file_mtime
    kind          varchar not null,          -- article | listing | reprint | quarantined
    run_id        integer not null
);

create table if not exists quarantine (
    sha256         varchar primary key,
    file_name      varchar not null,
    reason         varchar not null,
    run_id         integer not null,
    quarantined_at timestamptz not null
);

-- One row per parsed article or reprint page (a rendering seen at one time).
create table if not exists page_versions (
    sha256                varchar primary key,
    article_key           varchar not null,
    kind                  varchar not null,  -- article | reprint
    edition               varchar,
    url                   varchar,
    language              varchar,
    title                 varchar,
    published_at          timestamptz,
    published_has_time    boolean,
    source                varchar,
    views                 bigint,
    tags                  varchar[],
    oblasts               varchar[],
    hromadas              varchar[],
    donors                varchar[],
    international_support boolean,
    twinning              struct(ukrainian varchar, ukrainian_code varchar, partner varchar,
                                 partner_normalised varchar, country varchar, stage varchar,
                                 sentence varchar)[],
    body_chars            integer,
    fingerprint           varchar,           -- names, places and numbers, for story linking
    observed_at           timestamptz not null,
    run_id                integer not null
);

-- Listing items: publish time, region and views of many articles at one observation.
create table if not exists listing_items (
    sha256       varchar not null,
    position     integer not null,
    article_key  varchar not null,
    title        varchar,
    published_at timestamptz,
    published_has_time boolean,
    views        bigint,
    oblasts      varchar[],
    tags         varchar[],
    observed_at  timestamptz not null,
    primary key (sha256, position)
);

-- Every observation of a view counter, from an article page or a listing item.
create table if not exists view_snapshots (
    article_key varchar not null,
    observed_at timestamptz not null,
    views       bigint not null,
    sha256      varchar not null,             -- the raw file it was read from
    origin      varchar not null,             -- article | listing
    primary key (article_key, observed_at, sha256)
);

-- Reference data, loaded from data/reference/ at every build.
create table if not exists oblasts (
    oblast_iso     varchar primary key,       -- ISO 3166-2:UA, e.g. UA-63
    katottg_prefix varchar not null,          -- e.g. UA63 (differs from ISO for five units)
    name_uk        varchar not null,
    name_en        varchar not null
);

create table if not exists hromadas (
    hromada_code varchar primary key,         -- KATOTTG, 19 characters
    oblast_iso   varchar not null,
    raion_name   varchar,
    name_uk      varchar not null,            -- stem, e.g. Ізюмська
    name_en      varchar not null,            -- official transliteration, e.g. Iziumska
    type         varchar
);

create table if not exists donors (
    donor   varchar primary key,              -- canonical name
    country varchar,                          -- ISO 3166-1 alpha-2; EU for EU bodies; null for multilateral
    kind    varchar                           -- government | eu | multilateral | programme | ngo
);
