// Search over recordings (GET /api/search/recordings) and saved searches: parameters, hits, facets.
import { z } from './zod';
import { text } from './fields';
import { integerParam, recordingActivitySchema } from './activities';
import { pagedEnvelopeSchema } from './envelope';

export const SEARCH_SORTS = ['relevance', 'newest', 'oldest', 'longest', 'score_asc', 'score_desc'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_QA_STATES = ['not_evaluated', 'draft', 'submitted', 'disputed'] as const;
export type SearchQaState = (typeof SEARCH_QA_STATES)[number];

export const MATCH_FIELDS = ['title', 'annotation', 'evaluation', 'dispute'] as const;

export const SEARCH_LIMIT_MAX = 200;
/** Up to this many hits `total` is exact; beyond it, an estimate. */
export const EXACT_TOTAL_LIMIT = 10_000;

/** A parameter that may be given several times (`agent=a&agent=b`): always an array once parsed. */
function repeatable<Item extends z.core.SomeType>(item: Item) {
  return z.pipe(
    z.union([item, z.array(item).check(z.maxLength(50, 'at most 50 values'))]),
    z.transform((value): z.output<Item>[] => (Array.isArray(value) ? value : [value]) as z.output<Item>[]),
  );
}

const idParam = (name: string) =>
  z.string().check(z.regex(/^[1-9][0-9]{0,17}$/, `${name} must be a positive integer id`));

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO date (`2026-11-30`, the whole day) or date-time with an offset, in the years 1–9999. */
function dateParam(name: string) {
  const message = `${name} must be an ISO date (YYYY-MM-DD) or date-time with an offset`;
  return z.string().check(
    z.refine((value) => {
      if (!DAY.test(value) && !DATE_TIME.test(value)) return false;
      const time = Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(time)) return false;
      const year = new Date(time).getUTCFullYear();
      return year >= 1 && year <= 9998;
    }, message),
  );
}

function scoreParam(name: string) {
  const message = `${name} must be a number from 0 to 100`;
  return z
    .pipe(z.string().check(z.regex(/^[0-9]{1,3}(\.[0-9]{1,4})?$/, message)), z.transform(Number))
    .check(z.refine((value) => value >= 0 && value <= 100, message));
}

function booleanParam(name: string) {
  return z.pipe(
    z.enum(['true', 'false'], { error: `${name} must be true or false` }),
    z.transform((value) => value === 'true'),
  );
}

export const searchQuerySchema = z.object({
  q: z.optional(text().check(z.maxLength(500, 'q must be at most 500 characters'))),
  agent: z.optional(repeatable(text().check(z.minLength(1), z.maxLength(100)))),
  team: z.optional(repeatable(idParam('team'))),
  from: z.optional(dateParam('from')),
  to: z.optional(dateParam('to')),
  minDuration: z.optional(integerParam('minDuration', 0, 100_000_000)),
  maxDuration: z.optional(integerParam('maxDuration', 0, 100_000_000)),
  qaState: z.optional(
    repeatable(z.enum(SEARCH_QA_STATES, { error: `qaState must be one of ${SEARCH_QA_STATES.join(', ')}` })),
  ),
  minScore: z.optional(scoreParam('minScore')),
  maxScore: z.optional(scoreParam('maxScore')),
  scorecard: z.optional(idParam('scorecard')),
  criticalFailed: z.optional(booleanParam('criticalFailed')),
  tag: z.optional(text().check(z.minLength(1), z.maxLength(40, 'tag must be at most 40 characters'))),
  sort: z.optional(z.enum(SEARCH_SORTS, { error: `sort must be one of ${SEARCH_SORTS.join(', ')}` })),
  limit: z.optional(integerParam('limit', 1, SEARCH_LIMIT_MAX)),
  cursor: z.optional(text().check(z.maxLength(1024, 'cursor is not one this server issued'))),
  facets: z.optional(booleanParam('facets')),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const searchMatchSchema = z.object({
  field: z.enum(MATCH_FIELDS),
  /** Plain text escaped as HTML (`&amp;`, `&lt;`, `&gt;`), the matched words inside `<mark>…</mark>`. */
  snippet: z.string(),
  /** Seconds into the recording, when the match is in an annotation. */
  at: z.optional(z.number()),
});
export type SearchMatch = z.infer<typeof searchMatchSchema>;

export const searchHitSchema = z.extend(recordingActivitySchema, {
  object: z.object({
    objectId: z.string(),
    title: z.string(),
    team: z.object({ id: z.string(), name: z.string() }),
  }),
  qa: z.object({ state: z.enum(SEARCH_QA_STATES), score: z.nullable(z.number()) }),
  matches: z.array(searchMatchSchema),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

const facetCount = { count: z.int().check(z.nonnegative()) };
export const searchFacetsSchema = z.object({
  agents: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      ...facetCount,
    }),
  ),
  teams: z.array(z.object({ id: z.string(), name: z.string(), ...facetCount })),
  qaStates: z.array(z.object({ value: z.enum(SEARCH_QA_STATES), ...facetCount })),
  tags: z.array(z.object({ value: z.string(), ...facetCount })),
  /**
   * True when the counts are scaled from a sample of about 10 000 of the recordings they cover (more than
   * 10 000, and so many that a sample reads fewer rows than counting them): estimates, and a value rarer
   * than the sample can see is missing.
   */
  estimated: z.boolean(),
});
export type SearchFacets = z.infer<typeof searchFacetsSchema>;

export const searchEnvelopeSchema = z.extend(pagedEnvelopeSchema(searchHitSchema), {
  total: z.int().check(z.nonnegative()),
  /** True when there are more than 10 000 hits and `total` is an estimate (the planner's, or the facets' sample's). */
  totalIsEstimate: z.boolean(),
  facets: z.optional(searchFacetsSchema),
});
export type SearchResult = z.infer<typeof searchEnvelopeSchema>;

/** A search a user named: `query` is the search's URL query string (`q=refund&agent=dana`). */
export const savedSearchInputSchema = z.object({
  name: text().check(z.trim(), z.minLength(1, 'name must not be empty'), z.maxLength(100)),
  query: text().check(z.maxLength(2000, 'query must be at most 2000 characters')),
});
export type SavedSearchInput = z.input<typeof savedSearchInputSchema>;

export const savedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  lastOpenedAt: z.iso.datetime({ offset: true }),
  /** Hits that arrived since the user last opened it (capped at 1 000). */
  newHits: z.int().check(z.nonnegative()),
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;
