// The agent's answer to a submitted evaluation of their call: acknowledge it, or dispute it with a reason.
import { useState } from 'react';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/FormField';
import type { Evaluation } from '../../../contract/evaluations';
import { isApiError } from '../../lib/api-client';
import { useAcknowledgeEvaluation, useDisputeEvaluation } from './api';

export function AgentResponse({ evaluation }: { evaluation: Evaluation }) {
  const acknowledge = useAcknowledgeEvaluation();
  const dispute = useDisputeEvaluation();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  if (evaluation.status === 'acknowledged') {
    return <p className="text-sm text-emerald-800">You acknowledged this evaluation.</p>;
  }
  if (evaluation.status === 'disputed') {
    const open = evaluation.disputes.find((entry) => entry.outcome === null);
    return (
      <div className="text-sm text-amber-900">
        <p>You disputed this evaluation. A QA manager will review it.</p>
        {open && <p className="mt-1 whitespace-pre-wrap">Your reason: “{open.reason}”</p>}
      </div>
    );
  }
  if (evaluation.status !== 'submitted') return null;

  const failure = acknowledge.error ?? dispute.error;
  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-3">
      {!disputing ? (
        <div className="flex flex-wrap gap-2">
          <Button pending={acknowledge.isPending} onClick={() => acknowledge.mutate(evaluation.id)}>
            Acknowledge
          </Button>
          <Button variant="secondary" onClick={() => setDisputing(true)}>
            Dispute
          </Button>
        </div>
      ) : (
        <form
          aria-label="Dispute this evaluation"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) {
              setReasonError('Say what you disagree with.');
              return;
            }
            setReasonError(null);
            dispute.mutate({ id: evaluation.id, reason: reason.trim() });
          }}
        >
          <TextAreaField
            label="Why do you disagree?"
            value={reason}
            aria-required="true"
            onChange={(event) => setReason(event.target.value)}
            error={reasonError}
          />
          <div className="mt-3 flex gap-2">
            <Button type="submit" pending={dispute.isPending}>
              Send dispute
            </Button>
            <Button variant="ghost" onClick={() => setDisputing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {failure && (
        <p role="alert" className="text-sm text-red-700">
          {isApiError(failure) ? failure.description : 'That did not work. Try again.'}
        </p>
      )}
    </div>
  );
}
