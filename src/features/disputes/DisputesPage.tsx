// `/disputes`: agents' disputes of their evaluations, open or resolved; one opens beside the list to resolve it.
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';

import { SkeletonBlock } from '../../components/Skeleton';
import { StatePanel } from '../../components/StatePanel';

import { disputesQueryOptions, type DisputeStatus } from './api';
import { DisputeDetail } from './DisputeDetail';
import { DisputeList } from './DisputeList';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';

const tabs: { status: DisputeStatus; label: string }[] = [
  { status: 'open', label: 'Open' },
  { status: 'resolved', label: 'Resolved' },
];

export function DisputesPage() {
  const [searchParams] = useSearchParams();
  const status: DisputeStatus = searchParams.get('status') === 'resolved' ? 'resolved' : 'open';
  const selectedId = searchParams.get('dispute');
  const disputes = useQuery(disputesQueryOptions(status));
  const selected = disputes.data?.find((dispute) => dispute.id === selectedId);

  return (
    <>
      <title>Disputes · Tapeline</title>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Disputes</h1>
        <p className="mt-1 text-sm text-slate-600">
          Agents who disagree with an evaluation say why; uphold the evaluation or revise its ratings.
        </p>
      </div>

      <nav aria-label="Dispute status" className="mt-6">
        <ul className="inline-flex gap-1 rounded-xl bg-slate-100 p-1">
          {tabs.map((tab) => (
            <li key={tab.status}>
              <Link
                to={`?status=${tab.status}`}
                aria-current={tab.status === status ? 'page' : undefined}
                className={`block rounded-lg px-4 py-1.5 text-sm font-medium ${
                  tab.status === status
                    ? 'bg-white text-slate-900 shadow-sm'
                    : 'text-slate-600 hover:text-slate-900'
                }`}
              >
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-labelledby="dispute-list-heading">
          <h2 id="dispute-list-heading" className="sr-only">
            {status === 'open' ? 'Open disputes' : 'Resolved disputes'}
          </h2>
          {disputes.isPending ? (
            <ListSkeleton />
          ) : disputes.isError ? (
            <QueryErrorPanel title="We couldn’t load the disputes" query={disputes} />
          ) : disputes.data.length === 0 ? (
            <StatePanel
              icon="empty"
              title={status === 'open' ? 'No open disputes' : 'No resolved disputes yet'}
            >
              {status === 'open'
                ? 'When an agent disputes an evaluation in your teams, it shows up here.'
                : 'Disputes you and your colleagues resolve are kept here.'}
            </StatePanel>
          ) : (
            <DisputeList disputes={disputes.data} status={status} selectedId={selected?.id ?? null} />
          )}
        </section>

        {selected ? (
          <DisputeDetail key={selected.id} dispute={selected} />
        ) : (
          disputes.isSuccess &&
          disputes.data.length > 0 && (
            <p className="hidden rounded-2xl border border-dashed border-slate-300 px-6 py-14 text-center text-sm text-slate-600 lg:block">
              Choose a dispute to see the evaluation and resolve it.
            </p>
          )
        )}
      </div>
    </>
  );
}

function ListSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading disputes">
      <div aria-hidden="true" className="space-y-3">
        {Array.from({ length: 3 }, (_, index) => (
          <div key={index} className="rounded-xl border border-slate-200 bg-white p-4">
            <SkeletonBlock className="h-4 w-40" />
            <SkeletonBlock className="mt-3 h-3 w-3/4" />
            <SkeletonBlock className="mt-2 h-3 w-24" />
          </div>
        ))}
      </div>
    </div>
  );
}
