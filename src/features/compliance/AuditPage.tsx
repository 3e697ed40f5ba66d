// `/admin/audit`: who did what to which recording, and when. Filters live in the URL; pages load by
// keyset ("Show older entries"); the CSV export streams every entry the filters match.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../contract/audit';
import { Button, ButtonAnchor } from '../../components/Button';
import { SelectField, TextField } from '../../components/FormField';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { SkeletonBlock } from '../../components/Skeleton';
import { StatePanel } from '../../components/StatePanel';
import { formatDateTime } from '../../lib/format';
import { auditCsvUrl, auditQueryOptions, type AuditFilters } from './api';

const FILTER_NAMES = ['actor', 'action', 'resourceId', 'from', 'to'] as const;
const ACTION_FAMILIES = [...new Set(AUDIT_ACTIONS.map((action) => `${action.split('.')[0]}.*`))];

function filtersOf(params: URLSearchParams): AuditFilters {
  return Object.fromEntries(
    FILTER_NAMES.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : [])),
  );
}

/** `<input type="datetime-local">` speaks local time without a zone; the API speaks ISO instants. */
const toLocalInput = (iso?: string) => {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: FormDataEntryValue | null) =>
  typeof value === 'string' && value ? new Date(value).toISOString() : '';

export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersOf(searchParams);
  const entries = useInfiniteQuery(auditQueryOptions(filters));
  const rows = entries.data?.pages.flatMap((page) => page.items) ?? [];

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['actor', 'action', 'resourceId'] as const) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    for (const name of ['from', 'to'] as const) {
      const value = fromLocalInput(form.get(name));
      if (value) next.set(name, value);
    }
    setSearchParams(next);
  }

  return (
    <>
      <title>Audit trail · Tapeline</title>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Audit trail</h1>
          <p className="mt-1 text-sm text-slate-600">
            Every sign-in, view, play, download and change, newest first. Entries are hash-chained and cannot
            be edited.
          </p>
        </div>
        <ButtonAnchor variant="secondary" href={auditCsvUrl(filters)} download>
          Export CSV
        </ButtonAnchor>
      </div>

      <form
        key={searchParams.toString()}
        onSubmit={applyFilters}
        aria-label="Filter the audit trail"
        className="mt-6 grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-6"
      >
        <TextField
          label="Who (username)"
          name="actor"
          defaultValue={filters.actor ?? ''}
          autoComplete="off"
        />
        <SelectField label="Action" name="action" defaultValue={filters.action ?? ''}>
          <option value="">Any action</option>
          {ACTION_FAMILIES.map((family) => (
            <option key={family} value={family}>
              {family.replace('.*', '')}: any
            </option>
          ))}
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Resource id"
          name="resourceId"
          defaultValue={filters.resourceId ?? ''}
          autoComplete="off"
        />
        <TextField label="From" name="from" type="datetime-local" defaultValue={toLocalInput(filters.from)} />
        <TextField label="To" name="to" type="datetime-local" defaultValue={toLocalInput(filters.to)} />
        <div className="flex items-end gap-2">
          <Button type="submit">Apply</Button>
          {Object.keys(filters).length > 0 && (
            <Button type="button" variant="ghost" onClick={() => setSearchParams(new URLSearchParams())}>
              Clear
            </Button>
          )}
        </div>
      </form>

      <section aria-label="Audit entries" className="mt-6">
        {entries.isPending ? (
          <div role="status" aria-label="Loading the audit trail" className="space-y-2">
            <SkeletonBlock className="h-10" />
            <SkeletonBlock className="h-10" />
            <SkeletonBlock className="h-10" />
          </div>
        ) : entries.isError && rows.length === 0 ? (
          <QueryErrorPanel title="Couldn’t load the audit trail" query={entries} />
        ) : rows.length === 0 ? (
          <StatePanel icon="search" title="No entries match these filters">
            Try a wider time range or another action.
          </StatePanel>
        ) : (
          <>
            <AuditTable entries={rows} />
            {entries.hasNextPage && (
              <div className="mt-4 flex justify-center">
                <Button
                  variant="secondary"
                  pending={entries.isFetchingNextPage}
                  onClick={() => void entries.fetchNextPage()}
                >
                  Show older entries
                </Button>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}

const OUTCOME_STYLES: Record<AuditEntry['outcome'], string> = {
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  denied: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  failure: 'bg-red-50 text-red-800 ring-red-600/20',
};

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-xs">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-2.5">
              When
            </th>
            <th scope="col" className="px-4 py-2.5">
              Who
            </th>
            <th scope="col" className="px-4 py-2.5">
              Action
            </th>
            <th scope="col" className="px-4 py-2.5">
              Resource
            </th>
            <th scope="col" className="px-4 py-2.5">
              Outcome
            </th>
            <th scope="col" className="px-4 py-2.5">
              From
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry.id} className="align-top">
              <td className="px-4 py-2.5 whitespace-nowrap text-slate-700">
                <time dateTime={entry.at}>{formatDateTime(new Date(entry.at))}</time>
              </td>
              <td className="px-4 py-2.5 text-slate-900">
                {entry.actor?.username ?? <span className="text-slate-500">system</span>}
                {entry.actor?.apiKeyId && (
                  <span className="block text-xs text-slate-500">API key {entry.actor.apiKeyId}</span>
                )}
              </td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-900">
                {entry.action}
                {Object.keys(entry.details).length > 0 && (
                  <span className="mt-0.5 block font-sans text-slate-500">
                    {describeDetails(entry.details)}
                  </span>
                )}
              </td>
              <td className="px-4 py-2.5 text-slate-700">
                {entry.resource ? `${entry.resource.type} ${entry.resource.id}` : '—'}
              </td>
              <td className="px-4 py-2.5">
                <span
                  className={`rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${OUTCOME_STYLES[entry.outcome]}`}
                >
                  {entry.outcome}
                </span>
              </td>
              <td className="px-4 py-2.5 text-xs text-slate-500">
                {entry.ip ?? '—'}
                {entry.userAgent && (
                  <span className="block max-w-48 truncate" title={entry.userAgent}>
                    {entry.userAgent}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
