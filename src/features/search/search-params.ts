// The search page's state lives in the URL: which parameters it keeps, and how the filters change them.
import { SEARCH_SORTS, type SearchSort } from '../../../contract/search';

/** The URL parameters that are the search (everything else in the URL is ignored). */
export const SEARCH_PARAMS = [
  'q',
  'agent',
  'team',
  'from',
  'to',
  'minDuration',
  'maxDuration',
  'qaState',
  'minScore',
  'maxScore',
  'scorecard',
  'criticalFailed',
  'tag',
  'sort',
] as const;
export type SearchParam = (typeof SEARCH_PARAMS)[number];

/** The search as a canonical query string: known parameters only, no empty values, in a fixed order. */
export function searchQueryString(params: URLSearchParams): string {
  const query = new URLSearchParams();
  for (const name of SEARCH_PARAMS) {
    for (const value of params.getAll(name)) if (value.trim() !== '') query.append(name, value);
  }
  return query.toString();
}

/** `params` with `name` set to `value` (removed when empty); paging starts again. */
export function withParam(params: URLSearchParams, name: SearchParam, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === '') next.delete(name);
  else next.set(name, value);
  return next;
}

/** `params` with `value` added to or removed from the repeatable parameter `name`. */
export function toggledParam(params: URLSearchParams, name: SearchParam, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  const values = next.getAll(name);
  next.delete(name);
  const kept = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  for (const v of kept) next.append(name, v);
  return next;
}

export function sortOf(params: URLSearchParams): SearchSort {
  const sort = params.get('sort');
  if (sort && (SEARCH_SORTS as readonly string[]).includes(sort)) return sort as SearchSort;
  return params.get('q')?.trim() ? 'relevance' : 'newest';
}

/** Where a hit opens: the review page, at the first annotated moment that matched. */
export function hitHref(hit: { id?: string; objectId: string; matches: { at?: number }[] }): string {
  const at = hit.matches.find((match) => match.at !== undefined)?.at;
  const path = `/objects/${encodeURIComponent(hit.objectId)}/recordings/${encodeURIComponent(hit.id ?? '')}`;
  return at === undefined ? path : `${path}?t=${Math.floor(at * 10) / 10}`;
}
