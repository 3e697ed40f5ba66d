// The evaluations of one recording, as the signed-in person may see them: a reviewer's own draft to
// work on (or a scorecard to start one with), submitted evaluations read-only, an agent's response.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { SelectField } from '../../components/FormField';
import { Spinner } from '../../components/Spinner';
import type { CurrentUser } from '../../../contract/auth';
import { mayEvaluate, mayRespondTo } from '../../../contract/permissions';
import type { Evaluation } from '../../../contract/evaluations';
import { isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { scorecardsQueryOptions } from '../../api/qa';
import { activityEvaluationsQueryOptions, useStartEvaluation } from './api';
import { AgentResponse } from './AgentResponse';
import { DraftEditor } from './DraftEditor';
import { EvaluationStatusBadge, EvaluationView, personName } from './EvaluationView';
import { formatScore } from './scoring';

export function EvaluationsSection({
  activityId,
  currentUser,
  autosaveDelayMs,
}: {
  activityId: string;
  currentUser: CurrentUser;
  autosaveDelayMs?: number;
}) {
  const evaluations = useQuery(activityEvaluationsQueryOptions(activityId));
  const reviewer = mayEvaluate(currentUser);

  if (evaluations.isPending) {
    return (
      <p role="status" className="inline-flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Loading evaluations…
      </p>
    );
  }
  if (evaluations.isError) {
    return <QueryErrorNotice title="Couldn’t load the evaluations." query={evaluations} />;
  }

  const myDraft = evaluations.data.find(
    (evaluation) => evaluation.status === 'draft' && evaluation.evaluator.id === currentUser.id,
  );
  const submitted = evaluations.data.filter((evaluation) => evaluation.status !== 'draft');
  const mine = submitted.filter((evaluation) => evaluation.evaluator.id === currentUser.id);
  const others = submitted.filter((evaluation) => evaluation.evaluator.id !== currentUser.id);

  // A reviewer's work comes first: their draft, or the form to start one. Once they have submitted an
  // evaluation, that comes first and starting another (with another scorecard, say) comes after it.
  const start = reviewer && !myDraft && <StartEvaluation activityId={activityId} again={mine.length > 0} />;

  return (
    <div className="space-y-5">
      {submitted.length === 0 && !myDraft && <p className="text-sm text-slate-600">Not evaluated yet.</p>}
      {reviewer && myDraft && (
        <DraftEditor key={myDraft.id} evaluation={myDraft} autosaveDelayMs={autosaveDelayMs} />
      )}
      {mine.length === 0 && start}
      {(reviewer ? mine : submitted).map((evaluation) => (
        <EvaluationView key={evaluation.id} evaluation={evaluation}>
          {mayRespondTo(currentUser, evaluation) && <AgentResponse evaluation={evaluation} />}
        </EvaluationView>
      ))}
      {mine.length > 0 && start}
      {reviewer && others.length > 0 && (
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">By other reviewers</h3>
          <ul className="mt-1 divide-y divide-slate-100">
            {others.map((evaluation) => (
              <li key={evaluation.id}>
                <OtherEvaluation evaluation={evaluation} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function OtherEvaluation({ evaluation }: { evaluation: Evaluation }) {
  return (
    <details className="py-2">
      <summary className="flex cursor-pointer items-center justify-between gap-3 text-sm">
        <span className="min-w-0">
          <span className="block truncate font-medium text-slate-900">
            {personName(evaluation.evaluator)}
          </span>
          <span className="block text-xs text-slate-600">
            {evaluation.submittedAt ? formatDateTime(new Date(evaluation.submittedAt)) : ''}
          </span>
        </span>
        <span className="flex shrink-0 items-center gap-2">
          <EvaluationStatusBadge status={evaluation.status} />
          <span className="font-semibold text-slate-900 tabular-nums">{formatScore(evaluation.score)}</span>
        </span>
      </summary>
      <div className="mt-3">
        <EvaluationView evaluation={evaluation} />
      </div>
    </details>
  );
}

function StartEvaluation({ activityId, again }: { activityId: string; again: boolean }) {
  const scorecards = useQuery(scorecardsQueryOptions(false));
  const start = useStartEvaluation(activityId);
  const [chosen, setChosen] = useState('');
  const active = scorecards.data?.filter((scorecard) => !scorecard.archived) ?? [];
  const scorecardId = chosen || active[0]?.id || '';

  if (scorecards.isError) {
    return <QueryErrorNotice title="Couldn’t load the scorecards." query={scorecards} />;
  }
  return (
    <form
      aria-label={again ? 'Start another evaluation' : 'Start an evaluation'}
      className={`space-y-3 ${again ? 'border-t border-slate-100 pt-4' : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (scorecardId) start.mutate(scorecardId);
      }}
    >
      <SelectField
        label="Scorecard"
        value={scorecardId}
        disabled={scorecards.isPending || active.length === 0}
        onChange={(event) => setChosen(event.target.value)}
      >
        {scorecards.isPending && <option value="">Loading scorecards…</option>}
        {!scorecards.isPending && active.length === 0 && <option value="">No active scorecards</option>}
        {active.map((scorecard) => (
          <option key={scorecard.id} value={scorecard.id}>
            {scorecard.name}
          </option>
        ))}
      </SelectField>
      <Button
        type="submit"
        variant={again ? 'secondary' : 'primary'}
        disabled={!scorecardId}
        pending={start.isPending}
      >
        {again ? 'Start another evaluation' : 'Start evaluation'}
      </Button>
      {start.isError && (
        <p role="alert" className="text-sm text-red-700">
          {isApiError(start.error) ? start.error.description : 'The evaluation could not be started.'}
        </p>
      )}
    </form>
  );
}
