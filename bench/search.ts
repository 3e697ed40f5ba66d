// Search at scale: generates recordings with realistic skew (200 agents, 40 teams, titles and notes from
// a vocabulary with a long tail), loads them into a throwaway PostgreSQL cluster and into PGlite, runs a
// fixed mix of query classes warm, and prints p50/p95/p99 per class, index sizes, load time, the cost of
// keeping the index current at ingestion, and the EXPLAIN (ANALYZE) of the slowest class (EXPLAIN_ALL=1: of every class).
// Run: SCALE=1000000 npx tsx bench/search.ts   (SCALE recordings, default 1 000 000; RUNS per class, default 30;
// DATABASES=postgres,pglite; POSTGRES_URL=postgres://… to use an existing, empty database instead of a
// throwaway cluster — loaded on the first run, reused as loaded by the next; SHARED_BUFFERS of the throwaway
// cluster, default 1GB). Prints tables; never pass/fail.
import { randomUUID } from 'node:crypto';
import type { CurrentUser } from '../contract/auth';
import type { SearchQuery } from '../contract/search';
import { openPglite, openPostgres, type Database, type Queryable } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { cursorCodec } from '../server/lib/signed-cursor';
import { accessControl } from '../server/modules/access/service';
import type { MediaStorage } from '../server/modules/media/storage';
import { searchRepo } from '../server/modules/search/repo';
import { searchService } from '../server/modules/search/service';
import { findPostgresBinDir, startPostgresCluster } from '../server/test/postgres-cluster';

const SCALE = Number(process.env.SCALE ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 30);
const DATABASES = (process.env.DATABASES ?? 'postgres,pglite').split(',');
const SHARED_BUFFERS = process.env.SHARED_BUFFERS ?? '1GB';
const AGENTS = 200;
const TEAMS = 40;
const ANNOTATIONS_PER_RECORDING = 2.5;
const INGEST_SAMPLE = 500;
const BATCH = 50_000;

/** A vocabulary with a long tail: a few common words, thousands of rare ones (drawn with a cubic skew). */
const COMMON = `refund billing camera login password upgrade delivery invoice account cancel plan screen share
  audio video microphone error payment card charge export import settings team admin mobile app browser update
  install network slow crash freeze sync calendar contract renewal discount trial onboarding training manager
  escalation complaint warranty replacement shipping address email notification report dashboard`.split(
  /\s+/,
);
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'ti',
  'vo',
  'ze',
  'pa',
  'do',
  'gu',
  'fe',
  'ba',
  'xi',
  'qu',
];
function vocabulary(size: number): string[] {
  const words = [...COMMON];
  for (let i = 0; words.length < size; i++) {
    let word = '';
    for (let n = i + 7; word.length < 7; n = Math.floor(n / SYLLABLES.length) + 3)
      word += SYLLABLES[n % SYLLABLES.length];
    words.push(`${word}${i}`);
  }
  return words;
}
const WORDS = vocabulary(20_000);
const RARE_WORD = 'xylophonic';
const TAGS = [
  'refund',
  'escalation',
  'compliance',
  'upsell',
  'churn-risk',
  'praise',
  'bug',
  'training',
  'legal',
  'vip',
];

/**
 * The vocabulary as a table, and a skewed pick from it: `power(random(), 3)` crowds the draws at the start
 * of the list. Picks are joined, not subscripted: indexing a 20 000-element text[] walks it every time.
 */
const VOCABULARY_TABLE = 'bench_words';
const pick = (name: string) => `1 + floor(power(random(), 3) * ${WORDS.length})::int as ${name}`;
const word = (name: string) => `join ${VOCABULARY_TABLE} ${name} on ${name}.i = picks.${name}`;

/** Runs `statement` and returns how long it took, in seconds. */
async function timed(db: Queryable, statement: string, params: unknown[] = []): Promise<number> {
  const started = performance.now();
  await db.query(statement, params);
  return (performance.now() - started) / 1000;
}

/**
 * Loads SCALE recordings in bulk: every table filled by INSERT … SELECT over generate_series in batches,
 * with the search triggers off; then the search rows built set-wise (recording_search_refresh_many) with
 * the search table's secondary indexes dropped and recreated from their own definitions.
 */
async function load(db: Database): Promise<{ seconds: number; indexSeconds: number; steps: string }> {
  const started = performance.now();
  const steps: [string, number][] = [];
  await db.query(`insert into teams (name) select 'Team ' || g from generate_series(1, ${TEAMS}) g`);
  await db.query(
    `insert into users (username, first_name, last_name, role)
     select 'agent' || g, 'Agent', 'Number ' || g, 'agent' from generate_series(1, ${AGENTS}) g`,
  );
  await db.query(
    `insert into users (username, first_name, last_name, role) values
       ('bench-admin', 'Bench', 'Admin', 'admin'), ('bench-supervisor', 'Bench', 'Supervisor', 'supervisor'),
       ('bench-qa', 'Bench', 'QA', 'qa_manager')`,
  );
  // Agents belong to teams round-robin; the supervisor oversees four of the forty teams.
  await db.query(
    `insert into team_members (team_id, user_id)
     select t.id, u.id from users u join teams t on t.name = 'Team ' || (1 + (substr(u.username, 6)::int % ${TEAMS}))
     where u.role = 'agent'`,
  );
  await db.query(
    `insert into team_members (team_id, user_id)
     select t.id, u.id from users u, teams t where u.username = 'bench-supervisor' and t.name in ('Team 1', 'Team 2', 'Team 3', 'Team 4')`,
  );
  await db.query(`insert into scorecards (name, current_version) values ('Bench', 1)`);
  await db.query(
    `insert into scorecard_versions (scorecard_id, version, definition)
     select id, 1, '{"name":"Bench","sections":[{"id":"s","title":"S","criteria":[{"id":"verify","title":"Verify","scale":"binary","weight":1,"critical":true},{"id":"tone","title":"Tone","scale":"5","weight":1,"critical":false}]}]}'::jsonb
     from scorecards`,
  );
  await db.query(`create table ${VOCABULARY_TABLE} (i int primary key, word text not null)`);
  await db.query(
    `insert into ${VOCABULARY_TABLE} (i, word) select i, word from unnest($1::text[]) with ordinality as w (word, i)`,
    [WORDS],
  );
  // Triggers off for the bulk load; the search rows are built afterwards by the function they call.
  for (const table of ['activities', 'annotations', 'evaluations', 'evaluation_disputes']) {
    await db.query(`alter table ${table} disable trigger user`);
  }
  const objects = Math.max(1, Math.floor(SCALE / 4));
  // Agents and teams stay consistent: each object's agent is in its team.
  steps.push([
    'conversations',
    await timed(
      db,
      `insert into objects (title, team_id, agent_id, created_at)
       select w1.word || ' ' || w2.word || ' ' || w3.word, t.id, u.id, now() - interval '400 days'
       from (select g, 1 + floor(power(random(), 2) * ${AGENTS})::int as agent, ${pick('w1')}, ${pick('w2')}, ${pick('w3')}
             from generate_series(1, ${objects}) g) picks
       join users u on u.username = 'agent' || picks.agent
       join teams t on t.name = 'Team ' || (1 + picks.agent % ${TEAMS})
       ${word('w1')} ${word('w2')} ${word('w3')}`,
    ),
  ]);
  const firstObject = (await db.query<{ id: string }>(`select min(id)::text as id from objects`)).rows[0]!.id;
  let seconds = 0;
  for (let offset = 0; offset < SCALE; offset += BATCH) {
    const count = Math.min(BATCH, SCALE - offset);
    seconds += await timed(
      db,
      // Recordings arrive over the year in the order they are stored, as they do in production (a
      // random order would make every newest-first walk read a page per row).
      `with made as (
         select gen_random_uuid() as id, ${firstObject}::bigint + floor(random() * ${objects})::bigint as object_id,
                now() - interval '365 days' + ((${offset} + g) / ${SCALE}::float8) * interval '365 days'
                  - random() * interval '10 minutes' as at,
                20 + floor(power(random(), 2) * 3600) as duration
         from generate_series(1, ${count}) g
         order by at
       ), recs as (
         insert into recordings (id, object_id, agent_id, status, started_at, storage_key, container, duration_seconds, file_size, completed_at)
         select m.id, m.object_id, o.agent_id, 'completed', m.at, 'bench/' || m.id || '.webm', 'webm', m.duration,
                (m.duration * 180000)::bigint, m.at + interval '1 minute'
         from made m join objects o on o.id = m.object_id
         order by m.at
         returning id, object_id, agent_id, completed_at
       )
       insert into activities (object_id, activity_type, user_id, created_time, recording_id, data)
       select object_id, 27, agent_id, completed_at, id, '{}'::jsonb from recs order by completed_at`,
    );
  }
  steps.push(['recordings and activities', seconds]);
  const annotations = Math.floor(SCALE * ANNOTATIONS_PER_RECORDING);
  const [range] = (
    await db.query<{ lo: string; hi: string }>(
      `select min(id)::text as lo, max(id)::text as hi from activities where activity_type = 27`,
    )
  ).rows;
  const author = `(select id from users where username = 'bench-qa')`;
  seconds = 0;
  for (let offset = 0; offset < annotations; offset += BATCH) {
    const count = Math.min(BATCH, annotations - offset);
    seconds += await timed(
      db,
      `insert into annotations (activity_id, author_id, start_seconds, body, tags)
       select picks.activity_id, ${author}, picks.at,
              w1.word || ' ' || w2.word || ' ' || w3.word || ' ' || w4.word || ' ' || w5.word
                || case when picks.rare then ' ${RARE_WORD}' else '' end,
              case when picks.tag > 0 then jsonb_build_array(($1::text[])[picks.tag]) else '[]'::jsonb end
       from (select ${range!.lo}::bigint + floor(random() * (${range!.hi}::bigint - ${range!.lo}::bigint + 1))::bigint as activity_id,
                    floor(random() * 20) as at, random() < 0.0002 as rare,
                    case when random() < 0.3 then 1 + floor(power(random(), 3) * $2)::int else 0 end as tag,
                    ${pick('w1')}, ${pick('w2')}, ${pick('w3')}, ${pick('w4')}, ${pick('w5')}
             from generate_series(1, ${count})) picks
       ${word('w1')} ${word('w2')} ${word('w3')} ${word('w4')} ${word('w5')}`,
      [TAGS, TAGS.length],
    );
  }
  steps.push(['annotations', seconds]);
  // A third of the recordings evaluated (score from the ratings), 3 % failing the critical item, 6 % disputed.
  steps.push([
    'evaluations',
    await timed(
      db,
      `insert into evaluations (activity_id, scorecard_id, scorecard_version, evaluator_id, status, ratings, overall_comment, score, submitted_at)
       select picks.id, s.id, 1, ${author}, case when random() < 0.06 then 'disputed' else 'submitted' end,
              jsonb_build_object('verify', jsonb_build_object('value', picks.verify), 'tone', jsonb_build_object('value', picks.tone)),
              w1.word || ' ' || w2.word,
              case when picks.verify = 0 then 0 else (picks.tone - 1) * 25 end, picks.created_time
       from (select a.id, a.created_time, case when random() < 0.09 then 0 else 1 end as verify,
                    1 + floor(random() * 5)::int as tone, ${pick('w1')}, ${pick('w2')}
             from activities a where a.activity_type = 27 and random() < 0.33) picks
       cross join scorecards s
       ${word('w1')} ${word('w2')}`,
    ),
  ]);
  for (const table of ['activities', 'annotations', 'evaluations', 'evaluation_disputes']) {
    await db.query(`alter table ${table} enable trigger user`);
  }
  await db.query(`drop table ${VOCABULARY_TABLE}`);
  await db.query('analyze');
  const indexStarted = performance.now();
  // The search table's secondary indexes are built once at the end rather than row by row.
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
     where tablename = 'recording_search' and indexname <> 'recording_search_pkey'`,
  );
  for (const index of indexes) await db.query(`drop index ${index.name}`);
  seconds = 0;
  for (let lo = Number(range!.lo); lo <= Number(range!.hi); lo += BATCH) {
    seconds += await timed(
      db,
      `select recording_search_refresh_many(array(
         select id from activities where activity_type = 27 and id between $1 and $2))`,
      [lo, lo + BATCH - 1],
    );
  }
  steps.push(['search rows', seconds]);
  const indexing = performance.now();
  for (const index of indexes) await db.query(index.definition);
  steps.push(['search indexes', (performance.now() - indexing) / 1000]);
  // As autovacuum leaves a table once its inserts settle: statistics and the visibility map (which lets
  // counts read indexes alone).
  await db.query('vacuum analyze');
  const finished = performance.now();
  return {
    seconds: (finished - started) / 1000,
    indexSeconds: (finished - indexStarted) / 1000,
    steps: steps.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', '),
  };
}

/** Activities per second through the completion path (recording row + activity, one transaction each). */
async function ingestRate(db: Database, withIndex: boolean): Promise<number> {
  const [object] = (
    await db.query<{ id: string; agent_id: string }>(
      `select id::text as id, agent_id::text as agent_id from objects limit 1`,
    )
  ).rows;
  if (!withIndex) await db.query(`alter table activities disable trigger recording_search_activity`);
  const started = performance.now();
  for (let i = 0; i < INGEST_SAMPLE; i++) {
    await db.transaction(async (tx) => {
      const id = randomUUID();
      await tx.query(
        `insert into recordings (id, object_id, agent_id, status, started_at, storage_key, container, duration_seconds, file_size, completed_at)
         values ($1, $2, $3, 'completed', now(), 'bench/x.webm', 'webm', 60, 1000, now())`,
        [id, object!.id, object!.agent_id],
      );
      await tx.query(
        `insert into activities (object_id, activity_type, user_id, recording_id, data) values ($1, 27, $3, $2, '{}')`,
        [object!.id, id, object!.agent_id],
      );
    });
  }
  const rate = INGEST_SAMPLE / ((performance.now() - started) / 1000);
  if (!withIndex) await db.query(`alter table activities enable trigger recording_search_activity`);
  return rate;
}

type Viewer = CurrentUser;
interface QueryClass {
  name: string;
  viewer: 'supervisor' | 'agent';
  queries(run: number): SearchQuery[];
}

const midWord = (run: number) => WORDS[40 + (run % 200)]!;
const CLASSES: QueryClass[] = [
  { name: 'text only', viewer: 'supervisor', queries: (run) => [{ q: midWord(run) }] },
  {
    name: 'filters only',
    viewer: 'supervisor',
    queries: (run) => [
      { team: ['__team2'], from: `2026-0${1 + (run % 8)}-01`, minDuration: 600, sort: 'newest' },
    ],
  },
  {
    name: 'text + filters',
    viewer: 'supervisor',
    queries: (run) => [{ q: midWord(run), qaState: ['submitted'], from: '2026-01-01', sort: 'newest' }],
  },
  { name: 'rare word', viewer: 'supervisor', queries: () => [{ q: RARE_WORD }] },
  { name: 'common word', viewer: 'supervisor', queries: (run) => [{ q: COMMON[run % 3]! }] },
  { name: 'facets', viewer: 'supervisor', queries: (run) => [{ q: midWord(run), facets: true }] },
  // What the page asks when it opens: every visible recording, newest first, with facets.
  { name: 'facets, no words', viewer: 'supervisor', queries: () => [{ facets: true }] },
  { name: 'page 50 (cursor)', viewer: 'supervisor', queries: () => [{ sort: 'newest', limit: 20 }] },
  { name: 'agent, own calls', viewer: 'agent', queries: (run) => [{ q: midWord(run) }] },
];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Records every statement the search runs, for EXPLAIN (ANALYZE). */
function recording(db: Database) {
  const statements: { sql: string; params: unknown[] }[] = [];
  const queryable: Queryable = {
    query: (sql, params = [], options) => {
      statements.push({ sql, params });
      return db.query(sql, params, options);
    },
  };
  return { queryable, statements };
}

async function measure(db: Database) {
  const userOf = async (username: string): Promise<Viewer> => {
    const { rows } = await db.query<{ id: string; role: Viewer['role'] }>(
      `select id::text as id, role from users where username = $1`,
      [username],
    );
    // The viewer as the server's authentication makes one: with their teams.
    const teams = await db.query<{ id: string; name: string }>(
      `select t.id::text as id, t.name from team_members m join teams t on t.id = m.team_id
       where m.user_id = $1 order by t.id`,
      [rows[0]!.id],
    );
    return {
      id: rows[0]!.id,
      role: rows[0]!.role,
      username,
      first_name: '',
      last_name: '',
      teams: teams.rows,
    };
  };
  const supervisor = await userOf('bench-supervisor');
  // The busiest agent: the skew gives agent1 the most calls.
  const agent = await userOf('agent1');
  const team2 = (await db.query<{ id: string }>(`select id::text as id from teams where name = 'Team 2'`))
    .rows[0]!.id;
  const storage = { url: async (key: string) => `https://media.invalid/${key}` } as unknown as MediaStorage;
  const serviceOver = (queryable: Queryable, countedFacetsUpTo?: number) =>
    searchService({
      repo: searchRepo(queryable),
      access: accessControl(queryable),
      storage,
      cursors: cursorCodec('bench'),
      countedFacetsUpTo,
    });
  const service = serviceOver(db);

  async function runClass(klass: QueryClass, run: number, search = service) {
    const viewer = klass.viewer === 'agent' ? agent : supervisor;
    const started = performance.now();
    for (const raw of klass.queries(run)) {
      const query = { ...raw, team: raw.team?.map((t) => (t === '__team2' ? team2 : t)) };
      if (klass.name.startsWith('page 50')) {
        let cursor: string | undefined;
        for (let page = 1; page < 50; page++)
          cursor = (await search.search(viewer, { ...query, cursor })).nextCursor ?? undefined;
        const pageStarted = performance.now();
        await search.search(viewer, { ...query, cursor });
        return performance.now() - pageStarted;
      }
      await search.search(viewer, query);
    }
    return performance.now() - started;
  }

  const results: { name: string; p50: number; p95: number; p99: number; hits: number; pages?: number }[] = [];
  for (const klass of CLASSES) {
    await runClass(klass, 0); // warm
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await runClass(klass, run));
    times.sort((a, b) => a - b);
    const sample = klass.queries(0)[0]!;
    const viewer = klass.viewer === 'agent' ? agent : supervisor;
    const { total } = await service.search(viewer, { ...sample, team: sample.team?.map(() => team2) });
    results.push({
      name: klass.name,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      hits: total,
    });
  }
  const slowest = [...results].sort((a, b) => b.p95 - a.p95)[0]!;
  /** EXPLAIN (ANALYZE, BUFFERS) of each statement one search of `klass` runs (the last page's, for paging). */
  async function explained(klass: QueryClass) {
    const recorder = recording(db);
    await runClass(klass, 1, serviceOver(recorder.queryable));
    // The search's own statements, each once: the planner's estimate of a large total is an EXPLAIN already.
    const statements = new Map<string, unknown[]>();
    for (const { sql, params } of recorder.statements) {
      if (/^\s*explain/i.test(sql)) continue;
      statements.delete(sql);
      statements.set(sql, params);
    }
    const explains: string[] = [];
    let pages = 0;
    for (const [sql, params] of statements) {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params, {
        prepare: false,
      });
      const plan = rows.map((row) => row['QUERY PLAN']);
      // The top node's buffers include its children's: the pages this statement touched, cached or not.
      const top = plan.find((line) => /^\s*Buffers: shared/.test(line)) ?? '';
      for (const [, count] of top.matchAll(/(?:hit|read)=(\d+)/g)) pages += Number(count);
      explains.push(`${sql.replace(/\s+/g, ' ').trim()}\n\n${plan.join('\n')}`);
    }
    return { name: klass.name, explains, pages };
  }
  // How far the sampled facets of the page as it opens are from counting every recording.
  const facetsOf = async (search: typeof service) =>
    (await search.search(supervisor, { facets: true })).facets!;
  const sampled = await facetsOf(service);
  const exact = await facetsOf(serviceOver(db, Number.MAX_SAFE_INTEGER));
  const values = (facets: typeof exact) =>
    new Map<string, number>([
      ...facets.agents.map((f) => [`agent ${f.id}`, f.count] as const),
      ...facets.teams.map((f) => [`team ${f.id}`, f.count] as const),
      ...facets.qaStates.map((f) => [`qa ${f.value}`, f.count] as const),
      ...facets.tags.map((f) => [`tag ${f.value}`, f.count] as const),
    ]);
  const exactValues = values(exact);
  const sampledValues = values(sampled);
  const hitsCounted = Math.max(...exact.qaStates.map((f) => f.count), 1);
  const errors = [...exactValues]
    .filter(([, count]) => count >= hitsCounted / 100)
    .map(([key, count]) => Math.abs((sampledValues.get(key) ?? 0) - count) / count)
    .sort((a, b) => a - b);
  const facetAccuracy = {
    estimated: sampled.estimated,
    compared: errors.length,
    median: errors[Math.floor(errors.length / 2)] ?? 0,
    largest: errors.at(-1) ?? 0,
    missing: [...exactValues.keys()].filter((key) => !sampledValues.has(key)).length,
    values: exactValues.size,
  };
  // Every class is explained once: the pages a search touches do not depend on how busy the machine is.
  const explains: { name: string; explains: string[]; pages: number }[] = [];
  for (const klass of CLASSES) explains.push(await explained(klass));
  for (const result of results) result.pages = explains.find((e) => e.name === result.name)!.pages;
  return { results, slowest: slowest.name, explains, facetAccuracy };
}

async function indexSizes(db: Queryable) {
  const { rows } = await db.query<{ name: string; bytes: string }>(
    `select c.relname as name, pg_relation_size(c.oid)::text as bytes from pg_class c
     where c.relname like 'recording_search%' order by c.relname`,
  );
  return rows.map((row) => `${row.name} ${(Number(row.bytes) / 1048576).toFixed(1)} MiB`).join(', ');
}

async function bench(kind: string, db: Database) {
  await migrate(db);
  const { rows } = await db.query<{ loaded: boolean }>(
    `select exists (select 1 from users where username = 'bench-qa') as loaded`,
  );
  const loaded = rows[0]!.loaded
    ? { seconds: 0, indexSeconds: 0, steps: 'reused an earlier load' }
    : await load(db);
  const withIndex = await ingestRate(db, true);
  const withoutIndex = await ingestRate(db, false);
  const measured = await measure(db);
  console.log(`\n## ${kind}, ${SCALE.toLocaleString('en')} recordings, ${RUNS} runs per class (warm)\n`);
  console.log(
    `load ${loaded.seconds.toFixed(1)} s (of which building the search rows and their indexes ${loaded.indexSeconds.toFixed(1)} s): ${loaded.steps}`,
  );
  console.log(
    `ingestion: ${withIndex.toFixed(0)} activities/s with the search index kept current, ${withoutIndex.toFixed(0)} without`,
  );
  console.log(`sizes: ${await indexSizes(db)}\n`);
  console.log('| class | hits | p50 ms | p95 ms | p99 ms | pages touched |\n|---|---:|---:|---:|---:|---:|');
  for (const row of measured.results) {
    console.log(
      `| ${row.name} | ${row.hits} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.pages ?? ''} |`,
    );
  }
  const accuracy = measured.facetAccuracy;
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  console.log(
    accuracy.estimated
      ? `\nfacets, no words, sampled against counted in full: of the ${accuracy.compared} values with at least 1 % of the ` +
          `hits, median error ${percent(accuracy.median)}, largest ${percent(accuracy.largest)}; ` +
          `${accuracy.missing} of ${accuracy.values} values absent from the sample`
      : '\nfacets, no words: counted in full (counting reads fewer rows than a sample would)',
  );
  const printed = process.env.EXPLAIN_ALL
    ? measured.explains
    : measured.explains.filter((klass) => klass.name === measured.slowest);
  for (const klass of printed) {
    const which =
      klass.name === measured.slowest ? `the slowest class (${klass.name})` : `class ${klass.name}`;
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of ${which}, the statements of one search:\n`);
    for (const explain of klass.explains) console.log('```\n' + explain + '\n```\n');
  }
}

if (DATABASES.includes('postgres') && process.env.POSTGRES_URL) {
  const db = await openPostgres(process.env.POSTGRES_URL);
  try {
    await bench('PostgreSQL', db);
  } finally {
    await db.close();
  }
} else if (DATABASES.includes('postgres')) {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql/*/bin).');
  // A server sized for the data set, as one holding a million recordings would be: the search table and
  // its indexes (about 750 MiB at a million) fit in shared buffers.
  const cluster = await startPostgresCluster(binDir, { settings: { shared_buffers: SHARED_BUFFERS } });
  const db = await openPostgres(cluster.url);
  try {
    await bench('PostgreSQL', db);
  } finally {
    await db.close();
    await cluster.stop();
  }
}
if (DATABASES.includes('pglite')) {
  const db = await openPglite(undefined);
  try {
    await bench('PGlite (in memory)', db);
  } finally {
    await db.close();
  }
}
