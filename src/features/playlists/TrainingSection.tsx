// "Your training" on the home page: the playlists assigned to the caller, progress and due dates.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { formatCount, formatDateTime } from '../../lib/format';
import { trainingQueryOptions } from './api';

export function TrainingSection() {
  const training = useQuery(trainingQueryOptions());
  // Nothing assigned: the home page stays as it was.
  if (training.isSuccess && training.data.length === 0) return null;
  return (
    <section aria-labelledby="training-title" className="mt-6">
      <h2 id="training-title" className="text-lg font-semibold tracking-tight text-slate-900">
        Your training
      </h2>
      {training.isPending ? (
        <p className="mt-2 text-sm text-slate-600">Loading your training…</p>
      ) : training.isError ? (
        <QueryErrorNotice className="mt-2" title="Your training could not be loaded" query={training} />
      ) : (
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {training.data.map((entry) => {
            const share = entry.totalItems > 0 ? entry.watchedItems / entry.totalItems : 0;
            const overdue = !entry.completedAt && entry.dueAt !== null && new Date(entry.dueAt) < new Date();
            return (
              <li
                key={entry.playlistId}
                className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs"
              >
                <Link
                  to={`/playlists/${encodeURIComponent(entry.playlistId)}/play`}
                  className="text-base font-semibold text-slate-900 hover:underline"
                >
                  {entry.title}
                </Link>
                <p className="mt-1 text-sm text-slate-600">
                  {entry.completedAt
                    ? `Finished ${formatDateTime(new Date(entry.completedAt))}`
                    : `${entry.watchedItems} of ${formatCount(entry.totalItems, 'clip')} watched`}
                  {entry.dueAt && !entry.completedAt && (
                    <span className={overdue ? 'text-red-700' : ''}>
                      {' '}
                      · due {formatDateTime(new Date(entry.dueAt))}
                      {overdue && ' (overdue)'}
                    </span>
                  )}
                </p>
                <div
                  role="progressbar"
                  aria-label={`${entry.title} progress`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(share * 100)}
                  className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-200"
                >
                  <div
                    className={`h-full ${entry.completedAt ? 'bg-emerald-600' : 'bg-brand-600'}`}
                    style={{ width: `${share * 100}%` }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
