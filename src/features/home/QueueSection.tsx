// "Your queue" on the home page: what the caller should do next, by role (the server decides which lists).
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { queueQueryOptions } from '../../api/qa';

import { SkeletonBlock } from '../../components/Skeleton';

import type { Queue, QueueRecording } from '../../../contract/queue';

import { QueueItem } from './QueueItem';
import { QueueList } from './QueueList';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';

const byActivity = (item: QueueRecording) => item.activityId;
const fullName = (user: { first_name: string; last_name: string }) =>
  `${user.first_name} ${user.last_name}`.trim();

export function QueueSection() {
  const queue = useQuery(queueQueryOptions());
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold tracking-tight text-slate-900">
        Your queue
      </h2>
      <div className="mt-3">
        {queue.isPending ? (
          <QueueSkeleton />
        ) : queue.isError ? (
          <QueryErrorPanel title="We couldn’t load your queue" query={queue} />
        ) : (
          <QueueLists queue={queue.data} />
        )}
      </div>
    </section>
  );
}

function QueueLists({ queue }: { queue: Queue }) {
  switch (queue.kind) {
    case 'reviewer':
      return (
        <>
          <p className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
            <span>
              Open disputes: <strong className="font-semibold text-slate-900">{queue.openDisputes}</strong>
            </span>
            <Link to="/disputes" className="font-medium text-brand-700 underline-offset-2 hover:underline">
              Go to disputes<span aria-hidden="true"> →</span>
            </Link>
          </p>
          <div className="grid gap-4 lg:grid-cols-2 lg:items-start">
            <QueueList
              title="To evaluate"
              total={queue.toEvaluateTotal}
              items={queue.toEvaluate}
              itemKey={byActivity}
              empty="Nothing waiting for evaluation — nice work."
              renderItem={(recording) => <QueueItem recording={recording} />}
            />
            <QueueList
              title="Your drafts"
              items={queue.yourDrafts}
              itemKey={(draft) => draft.evaluationId}
              empty="No evaluations in progress. Drafts you start appear here."
              renderItem={(draft) => <QueueItem recording={draft} score={draft.score} />}
            />
          </div>
        </>
      );
    case 'agent':
      return (
        <div className="grid gap-4 lg:grid-cols-2 lg:items-start">
          <QueueList
            title="To acknowledge"
            items={queue.toAcknowledge}
            itemKey={(item) => item.evaluationId}
            empty="No evaluations waiting for you. New ones appear here when they are submitted."
            renderItem={(item) => (
              <QueueItem
                recording={item}
                score={item.score}
                note={`Reviewed by ${fullName(item.evaluator)}`}
                showAgent={false}
              />
            )}
          />
          <QueueList
            title="Your recent recordings"
            items={queue.recent}
            itemKey={byActivity}
            counted={false}
            empty="No recorded calls yet."
            renderItem={(item) => <QueueItem recording={item} score={item.latestScore} showAgent={false} />}
          />
        </div>
      );
    case 'team':
      return (
        <QueueList
          title="Recent recordings of your teams"
          items={queue.recent}
          itemKey={byActivity}
          counted={false}
          empty="No recorded calls in your teams yet."
          renderItem={(item) => <QueueItem recording={item} score={item.latestScore} />}
        />
      );
  }
}

function QueueSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading your queue">
      <div aria-hidden="true" className="grid gap-4 lg:grid-cols-2">
        {[0, 1].map((column) => (
          <div key={column} className="rounded-xl border border-slate-200 bg-white p-4">
            <SkeletonBlock className="h-4 w-32" />
            {[0, 1, 2].map((row) => (
              <div key={row} className="mt-4 flex justify-between gap-3">
                <div className="flex-1">
                  <SkeletonBlock className="h-4 w-3/4" />
                  <SkeletonBlock className="mt-2 h-3 w-1/3" />
                </div>
                <SkeletonBlock className="h-5 w-12" />
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
