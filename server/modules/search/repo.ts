// SQL for search: the recording_search table (migration 008) filtered by the one visibility rule, sorted
// with a keyset, counted, faceted and quoted (snippets); and the saved searches of a user.
import type { CurrentUser } from '../../../contract/auth';
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import type { SearchQaState, SearchSort } from '../../../contract/search';
import type { Queryable } from '../../db/database';
import { visibilityScope } from '../../../contract/permissions';
import { visibleActivities } from '../access/visibility';
import type { ActivityRow } from '../activities/repo';

type Viewer = Pick<CurrentUser, 'id' | 'role' | 'teams'>;

/**
 * The words of `q`: `websearch` as typed, for websearch_to_tsquery; `last`, the word being typed, which
 * also matches the longer words it starts: `startOf` is the tsquery of those (see `wordsStarting`).
 */
export interface TextQuery {
  websearch: string;
  last: { word: string; startOf: string } | null;
}

/** Up to how many words a typed word's start is searched for by name; past them, as a prefix. */
export const NAMED_STARTS = 64;

/**
 * `text` as a tsquery expression, its values added through `param`: websearch_to_tsquery of what was
 * typed, in which the last word's lexeme becomes "it or a word it starts" wherever websearch put it (so
 * `refund or bill` still means either).
 */
function tsqueryOf(text: TextQuery, param: (value: unknown) => string): string {
  const typed = `websearch_to_tsquery('english', ${param(text.websearch)})`;
  if (!text.last) return typed;
  return `ts_rewrite(${typed}, to_tsquery('english', ${param(text.last.word)}), ${param(text.last.startOf)}::tsquery)`;
}

export interface SearchFilters {
  text?: TextQuery;
  agents?: string[];
  teams?: string[];
  from?: string;
  to?: { at: string; inclusive: boolean };
  minDuration?: number;
  maxDuration?: number;
  qaStates?: SearchQaState[];
  minScore?: number;
  maxScore?: number;
  scorecard?: string;
  criticalFailed?: boolean;
  tag?: string;
  /** Only recordings that arrived after this instant (saved searches' new hits). */
  arrivedAfter?: string;
  /** Only recordings with an activity id up to this one: those that existed when a ranked search began. */
  upToId?: string;
}

/** The sorts a keyset over one column gives; relevance ranks a window instead (`rankedPage`). */
export type PlainSort = Exclude<SearchSort, 'relevance'>;

export interface SearchPage {
  sort: PlainSort;
  limit: number;
  /** The last hit of the previous page: its sort key (as PostgreSQL printed it) and activity id. */
  after?: { key: string; id: string };
}

export interface HitRow extends ActivityRow {
  title: string;
  team_id: string;
  team_name: string;
  qa_state: SearchQaState;
  score: number | null;
  sort_key: string;
}

export interface FacetRow {
  kind: 'agent' | 'team' | 'qa' | 'tag' | 'total' | 'counted';
  key: string;
  label: string | null;
  first_name: string | null;
  last_name: string | null;
  count: number;
}

export interface MatchRow {
  activity_id: string;
  field: 'title' | 'annotation' | 'evaluation' | 'dispute';
  snippet: string;
  at: number | null;
}

export interface SavedSearchRow {
  id: string;
  name: string;
  query: string;
  last_opened_at: Date;
}

/**
 * The visibility rule's "in one of the viewer's teams" (visibility.ts) as a question to the text index,
 * whose documents carry their team as the lexeme `#t<id>` (migration 025): a tsquery of the viewer's
 * teams. Null when the viewer's rule is another, or names no team.
 */
function teamLexemesOf(viewer: Viewer): string | null {
  if (visibilityScope(viewer.role) !== 'teams' || viewer.teams.length === 0) return null;
  return viewer.teams
    .map((team) => {
      if (!/^\d+$/.test(team.id)) throw new Error(`A team id must be a number, not ${team.id}`);
      return `'#t${team.id}'`;
    })
    .join(' | ');
}

/** The search row's columns for the visibility rule (visibility.ts): the same rule, denormalised. */
const SEARCH_COLUMNS = {
  objectTeam: 's.team_id',
  objectAgent: 's.object_agent_id',
  activityType: String(RECORDING_ACTIVITY_TYPE),
  activityUser: 's.agent_id',
};

/**
 * The search rows (or `sampled`: a TABLESAMPLE clause, a sample of them) with the caller's own drafts: a
 * recording with one is `draft` to them, whatever others see.
 */
const fromSearch = (sampled = '') => `recording_search s ${sampled}
  left join (select distinct activity_id from evaluations where status = 'draft' and evaluator_id = $1) md
    on md.activity_id = s.activity_id`;
const FROM_SEARCH = fromSearch();
const QA_STATE = `(case when s.qa_state = 'not_evaluated' and md.activity_id is not null then 'draft' else s.qa_state end)`;

const SORTS: Record<PlainSort, { key: string; type: string; descending: boolean }> = {
  newest: { key: 's.created_time', type: 'timestamptz', descending: true },
  oldest: { key: 's.created_time', type: 'timestamptz', descending: false },
  longest: { key: 's.duration_seconds', type: 'float8', descending: true },
  // NaN sorts after every number: unscored recordings come last either way.
  score_asc: { key: `coalesce(s.score, 'NaN'::float8)`, type: 'float8', descending: false },
  score_desc: { key: `coalesce(s.score, -1::float8)`, type: 'float8', descending: true },
};

/** The page `hits` (activity_id, title, team_id, qa_state, score, sort_key) with the rest of each hit. */
function withHitDetails(hits: string, direction: 'asc' | 'desc') {
  return `select a.id::text as id, a.object_id::text as object_id, a.activity_type,
            a.created_time, a.created_time::text as created_time_key, a.data,
            u.id::text as user_id, u.first_name, u.last_name,
            r.storage_key, r.started_at, r.duration_seconds, r.file_size::text as file_size,
            hit.title, hit.team_id::text as team_id, t.name as team_name, hit.qa_state, hit.score,
            hit.sort_key::text as sort_key
     from (${hits}) hit
     join activities a on a.id = hit.activity_id
     join teams t on t.id = hit.team_id
     left join users u on u.id = a.user_id
     left join recordings r on r.id = a.recording_id
     order by hit.sort_key ${direction}, hit.activity_id ${direction}`;
}

/** Escapes text as HTML before ts_headline adds its <mark>s, so a snippet's only tags are those. */
const escapedHtml = (sql: string) =>
  `replace(replace(replace(${sql}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
const HEADLINE_OPTIONS = `'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "'`;
const TAGS_TEXT = `coalesce((select string_agg(t, ' ') from jsonb_array_elements_text(n.tags) t), '')`;
const EVALUATION_TEXT = `coalesce(e.overall_comment, '') || ' ' ||
  coalesce((select string_agg(rating.value ->> 'comment', ' ') from jsonb_each(e.ratings) rating), '')`;

/** The facets whose own filter their counts ignore (standard faceted search: a selection can widen). */
type FacetKind = 'agent' | 'team' | 'qa' | 'tag';

/**
 * How a statement is expected to read the search rows: through the indexes (the text index for the words,
 * the teams as lexemes in it), or by a scan of most of the table, when the words match many of them.
 */
type Access = 'indexes' | 'scan';

/**
 * The conditions of `filters` for `viewer`, each facet's own filter marked; `params` starts with the
 * viewer's id as $1.
 */
function conditionsOf(viewer: Viewer, filters: SearchFilters, access: Access = 'indexes') {
  const params: unknown[] = [viewer.id];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const common: string[] = [];
  const own: Record<FacetKind, string | null> = { agent: null, team: null, qa: null, tag: null };
  let tsquery = `''::tsquery`;
  const visible = visibleActivities(viewer, '$1', SEARCH_COLUMNS);
  const teamLexemes = teamLexemesOf(viewer);
  if (!filters.text) {
    common.push(visible);
  } else {
    tsquery = tsqueryOf(filters.text, param);
    if (access === 'scan') {
      // Looking the words up in a document costs more than the rule's integer comparisons, which reject
      // most rows of a supervisor's scan; the planner would test the cheaper-looking @@ first, and CASE
      // fixes the order (a common word's count: 57 → 35 ms at 1M, docs/search-explain.md).
      common.push(`case when ${visible} then s.document @@ ${tsquery} else false end`);
    } else if (teamLexemes) {
      // The words and the teams from one index, the teams as a value the planner can estimate.
      common.push(`$1::bigint is not null and s.document @@ ${param(teamLexemes)}::tsquery`);
      common.push(`s.document @@ ${tsquery}`);
    } else {
      common.push(visible, `s.document @@ ${tsquery}`);
    }
  }
  if (filters.agents)
    own.agent = `s.agent_id = any(array(select id from users where username = any(${param(filters.agents)}::text[])))`;
  if (filters.teams) own.team = `s.team_id = any(${param(filters.teams)}::bigint[])`;
  if (filters.from) common.push(`s.created_time >= ${param(filters.from)}::timestamptz`);
  if (filters.to)
    common.push(`s.created_time ${filters.to.inclusive ? '<=' : '<'} ${param(filters.to.at)}::timestamptz`);
  if (filters.minDuration !== undefined) common.push(`s.duration_seconds >= ${param(filters.minDuration)}`);
  if (filters.maxDuration !== undefined) common.push(`s.duration_seconds <= ${param(filters.maxDuration)}`);
  if (filters.qaStates) own.qa = `${QA_STATE} = any(${param(filters.qaStates)}::text[])`;
  if (filters.minScore !== undefined) common.push(`s.score >= ${param(filters.minScore)}`);
  if (filters.maxScore !== undefined) common.push(`s.score <= ${param(filters.maxScore)}`);
  if (filters.scorecard) common.push(`${param(filters.scorecard)}::bigint = any(s.scorecard_ids)`);
  if (filters.criticalFailed !== undefined)
    common.push(filters.criticalFailed ? 's.critical_failed' : 'not s.critical_failed');
  if (filters.tag) own.tag = `s.tags @> array[${param(filters.tag.toLowerCase())}::text]`;
  if (filters.arrivedAfter) common.push(`s.created_time > ${param(filters.arrivedAfter)}::timestamptz`);
  if (filters.upToId) common.push(`s.activity_id <= ${param(filters.upToId)}::bigint`);
  return { params, param, common, own, tsquery };
}

/** The where clause of every filter of `filters` for `viewer`. */
function whereOf(viewer: Viewer, filters: SearchFilters, access: Access = 'indexes') {
  const { own, common, ...rest } = conditionsOf(viewer, filters, access);
  const all = [...common, ...Object.values(own).filter((condition) => condition !== null)];
  return { ...rest, where: all.join('\n  and ') };
}

/** `filters` without the facets' own (agent, team, QA state, tag): the recordings the facets count over. */
const withoutFacetFilters = (filters: SearchFilters): SearchFilters => ({
  ...filters,
  agents: undefined,
  teams: undefined,
  qaStates: undefined,
  tag: undefined,
});

/** The parts of an EXPLAIN (FORMAT JSON) node the search reads. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

/** The statement that counts the hits, no further than `cap`. */
function countStatement(viewer: Viewer, filters: SearchFilters, cap: number, access: Access) {
  const { params, param, where } = whereOf(viewer, filters, access);
  return {
    sql: `select count(*)::int as n from (select 1 from ${FROM_SEARCH} where ${where} limit ${param(cap)}) capped`,
    params,
  };
}

export function searchRepo(db: Queryable) {
  /**
   * A search statement, planned for its values on every run, never from a prepared generic plan: how many
   * rows a word matches decides between the text index and the newest-first walk (decision 018).
   */
  const search = <Row>(sql: string, params: unknown[]) => db.query<Row>(sql, params, { prepare: false });

  /** The plan the planner makes for a search statement, as EXPLAIN (FORMAT JSON) gives it. */
  async function planOf(sql: string, params: unknown[]): Promise<PlanNode> {
    const { rows } = await search<{ 'QUERY PLAN': unknown }>(`explain (format json) ${sql}`, params);
    const plan = rows[0]!['QUERY PLAN'];
    return ((typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[])[0]!.Plan;
  }

  return {
    /** A page of hits in one of the plain sorts (relevance is `rankedPage`). */
    async page(viewer: Viewer, filters: SearchFilters, page: SearchPage): Promise<HitRow[]> {
      const { params, param, where } = whereOf(viewer, filters);
      const sort = SORTS[page.sort];
      const direction = sort.descending ? 'desc' : 'asc';
      const keyset = page.after
        ? `and (${sort.key}, s.activity_id) ${sort.descending ? '<' : '>'} (${param(page.after.key)}::${sort.type}, ${param(page.after.id)}::bigint)`
        : '';
      const { rows } = await search<HitRow>(
        withHitDetails(
          `select s.activity_id, s.title, s.team_id, ${QA_STATE} as qa_state, s.score, ${sort.key} as sort_key
           from ${FROM_SEARCH}
           where ${where} ${keyset}
           order by ${sort.key} ${direction}, s.activity_id ${direction}
           limit ${param(page.limit)}`,
          direction,
        ),
        params,
      );
      return rows;
    },

    /**
     * A page by relevance: `ts_rank` over the newest `window` matches only (`filters.upToId` fixes which
     * those are while recordings arrive), so a common word costs `window` ranks, not one per match.
     */
    async rankedPage(
      viewer: Viewer,
      filters: SearchFilters,
      page: { limit: number; window: number; after?: { key: string; id: string } },
    ): Promise<HitRow[]> {
      const { params, param, where, tsquery } = whereOf(viewer, filters);
      const keyset = page.after
        ? `where (w.sort_key, w.activity_id) < (${param(page.after.key)}::real, ${param(page.after.id)}::bigint)`
        : '';
      const { rows } = await search<HitRow>(
        withHitDetails(
          // Ranked outside the window's query, so only the window's rows are ranked whatever the plan.
          `select w.* from (
             select newest.activity_id, newest.title, newest.team_id, newest.qa_state, newest.score,
                    ts_rank(newest.document, ${tsquery}) as sort_key
             from (
               select s.activity_id, s.title, s.team_id, ${QA_STATE} as qa_state, s.score, s.document
               from ${FROM_SEARCH}
               where ${where}
               order by s.created_time desc, s.activity_id desc
               limit ${param(page.window)}
             ) newest
           ) w ${keyset}
           order by w.sort_key desc, w.activity_id desc
           limit ${param(page.limit)}`,
          'desc',
        ),
        params,
      );
      return rows;
    },

    /** The oldest of the newest `window` matches, as a newest-first keyset; null when fewer match. */
    async windowEdge(
      viewer: Viewer,
      filters: SearchFilters,
      window: number,
    ): Promise<{ key: string; id: string } | null> {
      const { params, param, where } = whereOf(viewer, filters);
      const { rows } = await search<{ key: string; id: string }>(
        `select s.created_time::text as key, s.activity_id::text as id from ${FROM_SEARCH}
         where ${where}
         order by s.created_time desc, s.activity_id desc offset ${param(window - 1)} limit 1`,
        params,
      );
      return rows[0] ?? null;
    },

    /** How many search rows there are, as the planner knows it (the last ANALYZE's count). */
    async searchRows(): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        `select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'recording_search'::regclass`,
      );
      return Number(rows[0]!.n);
    },

    /**
     * The tsquery of the words `word` starts, itself included, as `TextQuery.last.startOf`: named, from the
     * words the documents hold (migration 026), when there are at most NAMED_STARTS of them; else the
     * prefix `word:*`. A word the documents do not hold, and starts none, is named alone: it matches
     * nothing. A stop word, which has no lexeme, gives the empty query, as to_tsquery does.
     */
    async wordsStarting(word: string): Promise<string> {
      // Planned with the word's value, so that its lexeme is a constant and "starts with" a range of the
      // index. A lexeme is written as tsquery input as tsvector's output writes it: quoted, quotes doubled.
      const { rows } = await search<{ typed: string[]; prefix: string; named: string[] }>(
        `select array(select array_to_tsvector(array[w])::text
                      from unnest(tsvector_to_array(to_tsvector('english', $1))) w) as typed,
                to_tsquery('english', $1 || ':*')::text as prefix,
                array(select array_to_tsvector(array[named.lexeme])::text from (
                  select distinct l.lexeme from search_lexemes l
                  where starts_with(l.lexeme, (tsvector_to_array(to_tsvector('english', $1)))[1])
                  order by l.lexeme limit $2
                ) named) as named`,
        [word, NAMED_STARTS + 1],
      );
      const { typed, prefix, named } = rows[0]!;
      if (typed.length !== 1 || named.length > NAMED_STARTS) return prefix;
      return [...new Set([typed[0]!, ...named])].join(' | ');
    },

    /**
     * Drops the words that documents lost (deleted, or rewritten without them) and no document holds any
     * more; how many (migration 026). In a transaction of its own: it locks out writers while it runs.
     */
    async pruneWords(): Promise<number> {
      const { rows } = await db.query<{ dropped: number }>(`select search_lexemes_prune() as dropped`);
      return rows[0]!.dropped;
    },

    /** The newest recording's activity id: a ranked search's bound while it is paged. */
    async newestId(): Promise<string> {
      const { rows } = await db.query<{ id: string }>(
        `select coalesce(max(activity_id), 0)::text as id from recording_search`,
      );
      return rows[0]!.id;
    },

    /**
     * The number of hits, counting no further than `cap`; with `access: 'scan'` when the planner reads
     * the table in order for it (countPlan), which then tests the viewer's rule before the words.
     */
    async count(
      viewer: Viewer,
      filters: SearchFilters,
      cap: number,
      access: Access = 'indexes',
    ): Promise<number> {
      const { sql, params } = countStatement(viewer, filters, cap, access);
      const { rows } = await search<{ n: number }>(sql, params);
      return rows[0]!.n;
    },

    /** How the planner would count (`count`): how many hits it expects, and whether it scans the table. */
    async countPlan(
      viewer: Viewer,
      filters: SearchFilters,
      cap: number,
    ): Promise<{ rows: number; access: Access }> {
      const { sql, params } = countStatement(viewer, filters, cap, 'indexes');
      const reading = (node: PlanNode): PlanNode | undefined =>
        node['Relation Name'] === 'recording_search' ? node : node.Plans?.map(reading).find(Boolean);
      const scan = reading(await planOf(sql, params));
      return {
        rows: Math.round(scan?.['Plan Rows'] ?? 0),
        access: scan?.['Node Type'] === 'Seq Scan' ? 'scan' : 'indexes',
      };
    },

    /**
     * The planner's estimate of the number of hits; with `facetFilters: false`, of the recordings the
     * facets count over (every filter but the facets' own).
     */
    async estimate(
      viewer: Viewer,
      filters: SearchFilters,
      scope: { facetFilters?: boolean } = {},
    ): Promise<number> {
      const { params, where } = whereOf(
        viewer,
        scope.facetFilters === false ? withoutFacetFilters(filters) : filters,
      );
      const plan = await planOf(`select 1 from ${FROM_SEARCH} where ${where}`, params);
      return Math.round(plan['Plan Rows']);
    },

    /**
     * Counts per agent, team, QA state and (the 30 commonest) tag, and the total, in one scan: each facet
     * counts with every filter but its own (so a selection can be widened), through grouping sets over the
     * recordings that pass the other filters, each row marked with which facet filters it passes.
     * `counted` is how many recordings that scan read: with `cap`, it stops after that many (the counts
     * are then of those only); with `samplePercent`, it reads that share of the table's pages
     * (TABLESAMPLE SYSTEM, the same pages every time) and the counts are the sample's.
     */
    async facets(
      viewer: Viewer,
      filters: SearchFilters,
      scan: { cap: number } | { samplePercent: number },
    ): Promise<{ facets: FacetRow[]; total: number; counted: number }> {
      const { params, param, common, own } = conditionsOf(viewer, filters);
      const passes = (kind: FacetKind) => own[kind] ?? 'true';
      const sampled =
        'samplePercent' in scan ? `tablesample system (${param(scan.samplePercent)}) repeatable (0)` : '';
      const capped = 'cap' in scan ? `limit ${param(scan.cap)}` : '';
      // The hits are first grouped by everything the facets tell apart (a few thousand groups at most:
      // agents × QA states × tag sets), so the grouping sets and the tags' unnest read those, not each hit.
      const { rows } = await search<FacetRow>(
        `with hits as materialized (
           select agent_id, team_id, qa_state, tags, agent_ok, team_ok, qa_ok, tag_ok, count(*)::int as n
           from (
             select s.agent_id, s.team_id, ${QA_STATE} as qa_state, s.tags, ${passes('agent')} as agent_ok,
                    ${passes('team')} as team_ok, ${passes('qa')} as qa_ok, ${passes('tag')} as tag_ok
             from ${fromSearch(sampled)} where ${common.join('\n  and ')} ${capped}
           ) scanned
           group by agent_id, team_id, qa_state, tags, agent_ok, team_ok, qa_ok, tag_ok
         ), counted as (
           select agent_id, team_id, qa_state, grouping(agent_id, team_id, qa_state) as grouped_out,
                  coalesce(sum(n) filter (where team_ok and qa_ok and tag_ok), 0)::int as for_agent,
                  coalesce(sum(n) filter (where agent_ok and qa_ok and tag_ok), 0)::int as for_team,
                  coalesce(sum(n) filter (where agent_ok and team_ok and tag_ok), 0)::int as for_qa,
                  coalesce(sum(n) filter (where agent_ok and team_ok and qa_ok and tag_ok), 0)::int as for_total,
                  coalesce(sum(n), 0)::int as scanned
           from hits group by grouping sets ((agent_id), (team_id), (qa_state), ())
         )
         select 'total' as kind, '' as key, null as label, null as first_name, null as last_name, for_total as count
         from counted where grouped_out = 7
         union all
         select 'counted', '', null, null, null, scanned from counted where grouped_out = 7
         union all
         select 'agent', u.id::text, u.username, u.first_name, u.last_name, c.for_agent
         from counted c join users u on u.id = c.agent_id where c.grouped_out = 3 and c.for_agent > 0
         union all
         select 'team', t.id::text, t.name, null, null, c.for_team
         from counted c join teams t on t.id = c.team_id where c.grouped_out = 5 and c.for_team > 0
         union all
         select 'qa', qa_state, null, null, null, for_qa from counted where grouped_out = 6 and for_qa > 0
         union all
         (select 'tag', tag, null, null, null, sum(n)::int from hits, unnest(hits.tags) tag
          where agent_ok and team_ok and qa_ok
          group by tag order by sum(n) desc, tag limit 30)`,
        params,
      );
      const valueOf = (kind: FacetRow['kind']) => rows.find((row) => row.kind === kind)?.count ?? 0;
      return {
        facets: rows.filter((row) => row.kind !== 'total' && row.kind !== 'counted'),
        total: valueOf('total'),
        counted: valueOf('counted'),
      };
    },

    /** Where `text` matched in each of `activityIds`: the title, annotations (with their moment), evaluations that are not drafts, dispute reasons. */
    async matches(activityIds: string[], text: TextQuery): Promise<MatchRow[]> {
      const params: unknown[] = [activityIds];
      const tsquery = tsqueryOf(text, (value) => `$${params.push(value)}`);
      const headline = (sql: string) =>
        `ts_headline('english', ${escapedHtml(sql)}, ${tsquery}, ${HEADLINE_OPTIONS})`;
      const matching = (sql: string) => `to_tsvector('english', ${sql}) @@ ${tsquery}`;
      const { rows } = await search<MatchRow>(
        `select activity_id::text as activity_id, field, snippet, at from (
           select s.activity_id, 'title' as field, ${headline('s.title')} as snippet, null::float8 as at, 0 as rank, 0::float8 as position
           from recording_search s where s.activity_id = any($1::bigint[]) and ${matching('s.title')}
           union all
           select n.activity_id, 'annotation', ${headline(`n.body || ' ' || ${TAGS_TEXT}`)}, n.start_seconds, 1, n.start_seconds
           from annotations n where n.activity_id = any($1::bigint[]) and ${matching(`n.body || ' ' || ${TAGS_TEXT}`)}
           union all
           select e.activity_id, 'evaluation', ${headline(EVALUATION_TEXT)}, null, 2, e.id
           from evaluations e
           where e.activity_id = any($1::bigint[]) and e.status <> 'draft' and ${matching(EVALUATION_TEXT)}
           union all
           select e.activity_id, 'dispute', ${headline('d.reason')}, null, 3, d.id
           from evaluation_disputes d join evaluations e on e.id = d.evaluation_id
           where e.activity_id = any($1::bigint[]) and ${matching('d.reason')}
         ) m
         order by activity_id, rank, position`,
        params,
      );
      return rows;
    },

    async savedSearches(userId: string): Promise<SavedSearchRow[]> {
      const { rows } = await db.query<SavedSearchRow>(
        `select id::text as id, name, query, last_opened_at from saved_searches where user_id = $1 order by id`,
        [userId],
      );
      return rows;
    },

    async saveSearch(userId: string, name: string, query: string): Promise<SavedSearchRow> {
      const { rows } = await db.query<SavedSearchRow>(
        `insert into saved_searches (user_id, name, query) values ($1, $2, $3)
         returning id::text as id, name, query, last_opened_at`,
        [userId, name, query],
      );
      return rows[0]!;
    },

    /** Marks the user's saved search opened now; null when it is not theirs or does not exist. */
    async openSavedSearch(userId: string, id: string): Promise<SavedSearchRow | null> {
      const { rows } = await db.query<SavedSearchRow>(
        `update saved_searches set last_opened_at = now() where id = $2 and user_id = $1
         returning id::text as id, name, query, last_opened_at`,
        [userId, id],
      );
      return rows[0] ?? null;
    },

    async deleteSavedSearch(userId: string, id: string): Promise<boolean> {
      const { rows } = await db.query(
        `delete from saved_searches where id = $2 and user_id = $1 returning id`,
        [userId, id],
      );
      return rows.length > 0;
    },
  };
}
export type SearchRepo = ReturnType<typeof searchRepo>;
