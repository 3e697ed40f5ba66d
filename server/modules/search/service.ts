// The rules of search: what `q` means, which sort applies, cursors bound to their search, totals exact up
// to 10 000, facets, and each hit as the Activities API shows it with its conversation, QA and matches.
import { createHash } from 'node:crypto';
import type { CurrentUser } from '../../../contract/auth';
import {
  EXACT_TOTAL_LIMIT,
  searchQuerySchema,
  type SavedSearch,
  type SavedSearchInput,
  type SearchFacets,
  type SearchHit,
  type SearchQuery,
  type SearchSort,
} from '../../../contract/search';
import { HttpError, notFound } from '../../lib/http';
import type { CursorCodec } from '../../lib/signed-cursor';
import type { AccessControl } from '../access/service';
import { activityFromRow } from '../activities/service';
import { RECORDING_ACTIVITY_TYPE, type RecordingActivity } from '../../../contract/activities';
import type { MediaStorage } from '../media/storage';
import type { FacetRow, HitRow, SavedSearchRow, SearchFilters, SearchRepo, TextQuery } from './repo';

/** Where a relevance page starts: after a ranked hit, or after a hit past the ranked window. */
interface RankedAfter {
  key: string;
  id: string;
  pastWindow: boolean;
}

const DEFAULT_LIMIT = 50;
/**
 * Relevance ranks the newest this-many matches; past them, hits follow newest first. A common word then
 * costs this many ranks, not one per match (docs/search-explain.md).
 */
export const RANKED_WINDOW = 200;
const NEW_HITS_CAP = 1000;
/** Facets over more recordings than they are always counted for may be scaled from a sample of this many. */
const FACET_SAMPLE = 10_000;
const MATCHES_PER_HIT = 3;

/**
 * `q` as websearch_to_tsquery reads it, and its last word when that is being typed (not inside an open
 * quote, not negated, not "or"): that word also matches the longer words it starts. Null when `q` has no
 * letter or digit: no hits, no error.
 */
export function typedText(q: string): { websearch: string; last: string | null } | null {
  const typed = q.trim();
  if (!/[\p{L}\p{N}]/u.test(typed)) return null;
  const openQuote = (typed.match(/"/g) ?? []).length % 2 === 1;
  const last = /(^|\s)([\p{L}\p{N}]+)$/u.exec(typed);
  if (openQuote || !last || /^or$/i.test(last[2]!)) return { websearch: typed, last: null };
  return { websearch: typed, last: last[2]!.toLowerCase() };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The repo's filters for `query`: whole days for date-only bounds (`to` includes its day). */
export function filtersOf(query: SearchQuery, text: TextQuery | undefined): SearchFilters {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    text,
    agents: query.agent,
    teams: query.team,
    from: query.from && (DAY.test(query.from) ? `${query.from}T00:00:00Z` : query.from),
    to:
      query.to === undefined
        ? undefined
        : DAY.test(query.to)
          ? { at: nextDay(query.to), inclusive: false }
          : { at: query.to, inclusive: true },
    minDuration: query.minDuration,
    maxDuration: query.maxDuration,
    qaStates: query.qaState,
    minScore: query.minScore,
    maxScore: query.maxScore,
    scorecard: query.scorecard,
    criticalFailed: query.criticalFailed,
    tag: query.tag,
  };
}

interface CursorPayload {
  /** The search it belongs to. */
  h: string;
  /** The last hit's sort key and activity id. */
  k: string;
  i: string;
  /** Relevance: the newest activity id when the search began, and whether the ranked window is done. */
  b?: string;
  r?: 1;
}

function isCursorPayload(value: unknown): value is CursorPayload {
  const v = value as CursorPayload | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.h === 'string' &&
    typeof v.k === 'string' &&
    typeof v.i === 'string' &&
    /^[0-9]{1,18}$/.test(v.i) &&
    (v.b === undefined || (typeof v.b === 'string' && /^[0-9]{1,18}$/.test(v.b))) &&
    (v.r === undefined || v.r === 1)
  );
}

/** A cursor belongs to one search: the same filters and sort, whatever the limit. */
function searchIdentity(query: SearchQuery, sort: SearchSort): string {
  const { limit: _limit, cursor: _cursor, facets: _facets, ...filters } = query;
  return createHash('sha256')
    .update(JSON.stringify({ ...filters, sort }))
    .digest('base64url')
    .slice(0, 16);
}

function facetsOf(rows: FacetRow[], estimated: boolean): SearchFacets {
  const of = (kind: FacetRow['kind']) => rows.filter((row) => row.kind === kind);
  const byCount = <T extends { count: number }>(items: T[]) => items.sort((a, b) => b.count - a.count);
  return {
    agents: byCount(
      of('agent').map((row) => ({
        id: row.key,
        username: row.label ?? '',
        first_name: row.first_name ?? '',
        last_name: row.last_name ?? '',
        count: row.count,
      })),
    ),
    teams: byCount(of('team').map((row) => ({ id: row.key, name: row.label ?? '', count: row.count }))),
    qaStates: byCount(
      of('qa').map((row) => ({
        value: row.key as SearchFacets['qaStates'][number]['value'],
        count: row.count,
      })),
    ),
    tags: byCount(of('tag').map((row) => ({ value: row.key, count: row.count }))),
    estimated,
  };
}

/** A saved search's query string as search parameters; null when it no longer parses. */
function parseSavedQuery(query: string): SearchQuery | null {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const previous = params[key];
    params[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const parsed = searchQuerySchema.safeParse(params);
  return parsed.success ? parsed.data : null;
}

export function searchService(deps: {
  repo: SearchRepo;
  access: AccessControl;
  storage: MediaStorage;
  cursors: CursorCodec;
  /** How many of the newest matches relevance ranks (RANKED_WINDOW; smaller in tests). */
  rankedWindow?: number;
  /** Up to how many recordings facets are always counted in full (EXACT_TOTAL_LIMIT; smaller in tests). */
  countedFacetsUpTo?: number;
  /** Up to how many hits `total` is exact (EXACT_TOTAL_LIMIT; smaller in tests). */
  exactTotalUpTo?: number;
}) {
  const {
    repo,
    access,
    storage,
    cursors,
    rankedWindow = RANKED_WINDOW,
    countedFacetsUpTo = EXACT_TOTAL_LIMIT,
    exactTotalUpTo = EXACT_TOTAL_LIMIT,
  } = deps;

  /** `q` as the repository searches it: null when it has nothing to search for (see typedText). */
  async function textQuery(q: string): Promise<TextQuery | null> {
    const typed = typedText(q);
    if (!typed) return null;
    const { websearch, last } = typed;
    return {
      websearch,
      last: last === null ? null : { word: last, startOf: await repo.wordsStarting(last) },
    };
  }

  async function total(user: CurrentUser, filters: SearchFilters) {
    const beyond = async (atLeast: number) => ({
      total: Math.max(await repo.estimate(user, filters), atLeast),
      totalIsEstimate: true,
    });
    // The last word matches as itself or as the start of longer ones, and the longer ones may cost more
    // than the count itself (docs/search-explain.md). The word's own matches are some of the hits: when
    // the planner expects many, counting those first may show there are more than the exact limit
    // without the longer words at all.
    if (filters.text?.last) {
      const whole = { ...filters, text: { ...filters.text, last: null } };
      const plan = await repo.countPlan(user, whole, exactTotalUpTo + 1);
      if (plan.rows > 2 * exactTotalUpTo) {
        const counted = await repo.count(user, whole, exactTotalUpTo + 1, plan.access);
        if (counted > exactTotalUpTo) return beyond(counted);
      }
    }
    const counted: number = await repo.count(user, filters, exactTotalUpTo + 1);
    if (counted <= exactTotalUpTo) return { total: counted, totalIsEstimate: false };
    return beyond(counted);
  }

  /**
   * Facets over the recordings they cover (every filter but the facets' own): counted in full, or scaled
   * from a TABLESAMPLE of about FACET_SAMPLE of them when that reads fewer rows. A sample reads its share
   * of the whole table, matching or not; counting reads the matching rows (twice as dear each: through
   * an index). So the page as it opens (every recording the caller may see) reads a sample, not a million
   * rows, and a word's hits are counted. Up to `countedFacetsUpTo` recordings they are always counted;
   * the total stays exact up to `exactTotalUpTo` either way.
   */
  async function facets(user: CurrentUser, filters: SearchFilters) {
    const [expected, tableRows] = await Promise.all([
      repo.estimate(user, filters, { facetFilters: false }),
      repo.searchRows(),
    ]);
    const percentFor = (rows: number) => Math.min(100, (100 * FACET_SAMPLE) / Math.max(rows, 1));
    let covered = expected;
    if (expected <= countedFacetsUpTo || (percentFor(expected) / 100) * tableRows >= 2 * expected) {
      // Counting stops where the planner's estimate was far too low, and samples instead.
      const cap = Math.max(countedFacetsUpTo, 2 * expected);
      const exact = await repo.facets(user, filters, { cap: cap + 1 });
      if (exact.counted <= cap) {
        return { facets: facetsOf(exact.facets, false), total: exact.total, totalIsEstimate: false };
      }
      covered = cap + 1;
    }
    const percent = percentFor(covered);
    const [sampled, counted] = await Promise.all([
      repo.facets(user, filters, { samplePercent: percent }),
      total(user, filters),
    ]);
    const scaled = (count: number) => Math.round((count * 100) / percent);
    return {
      facets: facetsOf(
        sampled.facets.map((row) => ({ ...row, count: scaled(row.count) })),
        true,
      ),
      // Past the exact limit, the sample's own estimate of the hits is the better one.
      ...(counted.totalIsEstimate
        ? { total: Math.max(scaled(sampled.total), exactTotalUpTo + 1), totalIsEstimate: true }
        : counted),
    };
  }

  /**
   * Up to `limit` hits by relevance among the recordings up to `bound`: the ranked window first, then,
   * once it is exhausted, the older matches newest first. Each row says which part it came from.
   */
  async function relevancePage(
    user: CurrentUser,
    filters: SearchFilters,
    limit: number,
    bound: string,
    after: RankedAfter | undefined,
  ): Promise<(HitRow & { pastWindow: boolean })[]> {
    const bounded = { ...filters, upToId: bound };
    const ranked = after?.pastWindow
      ? []
      : (await repo.rankedPage(user, bounded, { limit, window: rankedWindow, after })).map((row) => ({
          ...row,
          pastWindow: false,
        }));
    if (ranked.length >= limit) return ranked;
    const start = after?.pastWindow ? after : await repo.windowEdge(user, bounded, rankedWindow);
    if (!start) return ranked;
    const rest = await repo.page(user, bounded, {
      sort: 'newest',
      limit: limit - ranked.length,
      after: start,
    });
    return [...ranked, ...rest.map((row) => ({ ...row, pastWindow: true }))];
  }

  return {
    async search(user: CurrentUser, query: SearchQuery) {
      access.requirePermission(user, 'recordings.read');
      if (query.sort === 'relevance' && query.q === undefined) {
        throw new HttpError(
          400,
          'sort: relevance needs q (words to rank by); use newest, oldest, longest, score_asc or score_desc.',
        );
      }
      const sort: SearchSort = query.sort ?? (query.q === undefined ? 'newest' : 'relevance');
      const identity = searchIdentity(query, sort);
      let after: RankedAfter | undefined;
      let bound: string | undefined;
      if (query.cursor !== undefined) {
        const payload = cursors.decode(query.cursor);
        if (
          !isCursorPayload(payload) ||
          payload.h !== identity ||
          (sort === 'relevance') !== (payload.b !== undefined)
        ) {
          throw new HttpError(
            400,
            'cursor is not one this server issued for this search (same filters and sort).',
          );
        }
        after = { key: payload.k, id: payload.i, pastWindow: payload.r === 1 };
        bound = payload.b;
      }
      const limit = query.limit ?? DEFAULT_LIMIT;
      const text = query.q === undefined ? undefined : await textQuery(query.q);
      // Only punctuation, or only stop words' worth of letters: nothing can match.
      if (text === null) {
        const none = { agents: [], teams: [], qaStates: [], tags: [], estimated: false };
        return {
          hits: [],
          nextCursor: null,
          total: 0,
          totalIsEstimate: false,
          facets: query.facets ? none : undefined,
        };
      }
      const filters = filtersOf(query, text);
      if (sort === 'relevance') bound ??= await repo.newestId();
      // The page's snippets are looked up as soon as the page is known, while the count may still run.
      const pageAndMatches = async () => {
        const rows = await (sort === 'relevance'
          ? relevancePage(user, filters, limit + 1, bound!, after)
          : repo.page(user, filters, { sort, limit: limit + 1, after }));
        const ids = rows.slice(0, limit).map((row) => row.id);
        return { rows, matches: text && ids.length > 0 ? await repo.matches(ids, text) : [] };
      };
      const [{ rows, matches }, counts] = await Promise.all([
        pageAndMatches(),
        query.facets
          ? facets(user, filters)
          : total(user, filters).then((counted) => ({ ...counted, facets: undefined })),
      ]);
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      const payload = (row: HitRow & { pastWindow?: boolean }): CursorPayload => ({
        h: identity,
        k: row.sort_key,
        i: row.id,
        ...(bound === undefined ? {} : { b: bound }),
        ...(row.pastWindow ? { r: 1 as const } : {}),
      });
      const nextCursor = rows.length > limit && last ? cursors.encode(payload(last)) : null;
      const hits: SearchHit[] = [];
      for (const row of pageRows) {
        const activity = await activityFromRow(row, storage);
        if (activity.activityType !== RECORDING_ACTIVITY_TYPE || !('recordingUrl' in activity)) continue;
        hits.push({
          ...(activity as RecordingActivity),
          object: {
            objectId: row.object_id,
            title: row.title,
            team: { id: row.team_id, name: row.team_name },
          },
          qa: { state: row.qa_state, score: row.score },
          matches: matches
            .filter((match) => match.activity_id === row.id)
            .slice(0, MATCHES_PER_HIT)
            .map((match) => ({
              field: match.field,
              snippet: match.snippet,
              ...(match.at === null ? {} : { at: match.at }),
            })),
        });
      }
      return {
        hits,
        nextCursor,
        total: counts.total,
        totalIsEstimate: counts.totalIsEstimate,
        facets: counts.facets,
      };
    },

    /** Lets the words of deleted recordings go: the hourly job's work (migration 026). */
    pruneWords: () => repo.pruneWords(),

    async savedSearches(user: CurrentUser): Promise<SavedSearch[]> {
      const rows = await repo.savedSearches(user.id);
      return Promise.all(rows.map((row) => withNewHits(user, row)));
    },

    async saveSearch(user: CurrentUser, input: SavedSearchInput): Promise<SavedSearch> {
      access.requirePermission(user, 'recordings.read');
      const query = input.query.replace(/^\?/, '');
      if (parseSavedQuery(query) === null) {
        throw new HttpError(
          400,
          'query: is not a search this server understands; save the query string of a search page.',
        );
      }
      return withNewHits(user, await repo.saveSearch(user.id, input.name.trim(), query));
    },

    async openSavedSearch(user: CurrentUser, id: string): Promise<SavedSearch> {
      const row = await repo.openSavedSearch(user.id, id);
      if (!row) throw notFound(`Saved search ${id}`);
      return withNewHits(user, row);
    },

    async deleteSavedSearch(user: CurrentUser, id: string): Promise<void> {
      if (!(await repo.deleteSavedSearch(user.id, id))) throw notFound(`Saved search ${id}`);
    },
  };

  async function withNewHits(user: CurrentUser, row: SavedSearchRow): Promise<SavedSearch> {
    const query = parseSavedQuery(row.query);
    const text = query?.q === undefined ? undefined : await textQuery(query.q);
    const newHits =
      query && text !== null
        ? await repo.count(
            user,
            { ...filtersOf(query, text), arrivedAfter: row.last_opened_at.toISOString() },
            NEW_HITS_CAP,
          )
        : 0;
    return {
      id: row.id,
      name: row.name,
      query: row.query,
      lastOpenedAt: row.last_opened_at.toISOString(),
      newHits,
    };
  }
}
export type SearchService = ReturnType<typeof searchService>;
