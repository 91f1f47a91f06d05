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
    snapshots_added   integer not null default 0,
    manifest_bytes    bigint                 -- raw archive manifest read up to (bytes)
);
-- Added after schema 4's first files: they gain it at their next load.
alter table load_runs add column if not exists manifest_bytes bigint;

-- The part of an interval's views that falls in [p_start, p_end) (Kyiv days, end exclusive);
-- the caller keeps only intervals with end_day >= p_start and start_day < p_end.
create or replace macro views_within(start_day, end_day, days, views, p_start, p_end) as
    views * (date_diff('day', greatest(start_day, p_start::date),
                       least(end_day, p_end::date - 1)) + 1) / days;

-- The indexed 64-bit lookup key of a raw file: its sha256's first 16 hex digits.
create or replace macro sha_key(sha256) as ('0x' || sha256[:16])::ubigint;

-- Every input accepted into the raw archive, parsed or not. sha256 is unique: the loader
-- admits a file only if the database lacks it. No primary key (schema 5): an index of 64-
-- character keys, millions of them, cost a weekly load 1-6 s to update and write back at
-- 1M articles; the 8-byte sha_key's index does the lookups for a fraction of that.
create table if not exists raw_files (
    sha256        varchar not null,
    file_name     varchar not null,          -- the name it was given to us under
    size_bytes    bigint not null,
    url           varchar,                   -- from the page, or the crawl manifest
    observed_at   timestamptz not null,      -- when its numbers were true (see docs/schema.md)
    observed_from varchar not null,          -- manifest | file_mtime
    kind          varchar not null,          -- article | listing | reprint | quarantined
    run_id        integer not null,
    sha_key       ubigint not null           -- sha_key(sha256)
);
create index if not exists raw_files_sha_key on raw_files (sha_key);

create table if not exists quarantine (
    sha256         varchar primary key,
    file_name      varchar not null,
    reason         varchar not null,
    run_id         integer not null,
    quarantined_at timestamptz not null
);

-- One row per parsed article or reprint page (a rendering seen at one time); sha256 is
-- unique as a raw file's is (one page per file). No primary key since schema 5.
create table if not exists page_versions (
    sha256                varchar not null,
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
    observed_at  timestamptz not null
    -- (sha256, position) is unique by construction: the loader admits a file once. No
    -- primary key: a listing sighting is a row, as many as the listing snapshots (~100
    -- million at 1M articles), and the key's index grew with every load and was rewritten
    -- at every checkpoint. A file from before keeps its key (harmless).
);

-- Every observation of a view counter, from an article page or a listing item.
create table if not exists view_snapshots (
    article_key varchar not null,
    observed_at timestamptz not null,
    views       bigint not null,
    sha256      varchar not null,             -- the raw file it was read from
    origin      varchar not null              -- article | listing
    -- No primary key: its in-memory index outgrows RAM at ~100 million rows; the loader
    -- deduplicates (article_key, observed_at, sha256) with an anti-join instead.
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

-- ---------------------------------------------------------------------------------------
-- Derived tables: rebuilt by derive.sql for the articles a load touched. Never edit them.
-- ---------------------------------------------------------------------------------------

create table if not exists articles (
    article_key           varchar primary key, -- en:15654 | uk:15654 | reprint:<hash> | page:<hash>
    edition               varchar,             -- en | uk | null (reprints)
    article_id            integer,             -- the portal's news id
    kind                  varchar not null,    -- article | reprint
    url                   varchar,
    language              varchar,
    title                 varchar,
    published_at          timestamptz,
    published_has_time    boolean,
    published_date        date,                -- Kyiv date
    source                varchar,
    tags                  varchar[],
    oblasts               varchar[],
    hromadas              varchar[],
    donors                varchar[],
    international_support boolean not null,
    twinning_count        integer not null,
    views                 bigint,              -- highest counter value seen
    first_observed_at     timestamptz,
    last_observed_at      timestamptz,
    versions              integer not null,    -- page renderings + listing sightings
    fingerprint           varchar,
    body_chars            integer,
    article_no            integer              -- a stable number: the key the read path joins on
);

create table if not exists article_tags (article_key varchar not null, tag varchar not null);
create table if not exists article_oblasts (article_key varchar not null, oblast_iso varchar not null);
create table if not exists article_hromadas (article_key varchar not null, hromada_code varchar not null);
create table if not exists article_donors (article_key varchar not null, donor varchar not null);

create table if not exists twinning_mentions (
    article_key        varchar not null,
    position           integer not null,
    ukrainian          varchar,
    ukrainian_code     varchar,                -- KATOTTG hromada or ISO oblast code
    hromada_code       varchar,
    oblast_iso         varchar,
    partner            varchar,
    partner_normalised varchar,
    country            varchar,
    stage              varchar,
    sentence           varchar,
    published_at       timestamptz,
    published_date     date
);

-- Views gained between consecutive observations of one article, spread evenly over the
-- Kyiv days from start_day to end_day inclusive (see docs/schema.md, "How views are counted").
create table if not exists view_intervals (
    article_key varchar not null,
    start_day   date not null,
    end_day     date not null,
    days        integer not null,
    views       double not null,
    decreased   boolean not null,              -- the counter went down at end_day (kept, flagged)
    article_no  integer                        -- articles.article_no
);

-- The dashboard's rollups, written sorted by day so a period reads only its own row groups.
-- Views by Kyiv day, edition, region set and support flag (several oblasts selected at once).
create table if not exists rollup_views_daily (
    day                   date not null,
    edition               varchar,             -- en | uk | null (reprints)
    oblasts_key           varchar not null,    -- sorted ISO codes joined by ',' ('' = national)
    international_support boolean not null,
    views                 double not null
);

-- Views gained and articles published per Kyiv day, edition and support flag; and the same per
-- oblast and per tag (an article about two oblasts or with two tags counts in each). Views are
-- fractional: an interval's views are spread evenly over its days.
create table if not exists rollup_daily (
    day                   date not null,
    edition               enum('uk', 'en', 'reprint') not null,
    international_support boolean not null,
    views                 double not null,
    articles              integer not null,    -- published that day
    counters_down         integer              -- view counters seen lower than before that day
);

create table if not exists rollup_daily_oblast (
    day                   date not null,
    edition               enum('uk', 'en', 'reprint') not null,
    oblast_iso            varchar not null,
    international_support boolean not null,
    views                 double not null,
    articles              integer not null
);

-- Views each article gained in the dashboard's default period (the 28 days up to the last day
-- with data) and in the 28 days before it: what the default readership page ranks (movers).
-- Rewritten by every load, as the last day moves.
create table if not exists recent_views (
    article_no   integer not null,             -- articles.article_no
    views        double not null,              -- gained in [period_start, period_end)
    views_before double not null,              -- gained in [cmp_start, period_start)
    period_start date not null,
    period_end   date not null,                -- the day after the last day with data
    cmp_start    date not null
);

create table if not exists rollup_daily_tag (
    day                   date not null,
    edition               enum('uk', 'en', 'reprint') not null,
    tag                   varchar not null,
    international_support boolean not null,
    views                 double not null,
    articles              integer not null
);

-- Schema 3 added article_no; derive.sql numbers the rows of an older file at its next load.
alter table articles add column if not exists article_no integer;
alter table view_intervals add column if not exists article_no integer;
alter table rollup_daily add column if not exists counters_down integer;

create table if not exists stories (
    article_key varchar primary key,
    story_id    varchar not null,              -- article_key of the story's original
    role        varchar not null,              -- original | translation | reprint
    lag_hours   double
);


-- Story linking's index (etl/facts/stories.py), so a load links only the articles it touched:
-- each article's fingerprint features, and the linked pairs (a < b) whose groups are stories.
create table if not exists story_features (
    article_key varchar not null,
    feature     varchar not null
);

create table if not exists story_links (
    a varchar not null,
    b varchar not null
);

-- What linking last saw of each article: a load re-links only articles whose row changed (a
-- new listing sighting changes no fingerprint, date, edition or language).
create table if not exists story_inputs (
    article_key  varchar not null,
    kind         varchar,
    edition      varchar,
    language     varchar,
    published_at timestamptz,
    fingerprint  varchar
);
