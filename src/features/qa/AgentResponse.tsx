// The agent's answer to a submitted evaluation of their call: acknowledge it, or dispute it with a reason.
import { useState } from 'react';
import { Button } from '../../components/Button';
import type { Evaluation } from '../../contract/qa';
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
          <label htmlFor={`dispute-${evaluation.id}`} className="block text-sm font-medium text-slate-900">
            Why do you disagree?
          </label>
          <textarea
            id={`dispute-${evaluation.id}`}
            rows={3}
            value={reason}
            aria-required="true"
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `dispute-${evaluation.id}-error` : undefined}
            onChange={(event) => setReason(event.target.value)}
            className="mt-1.5 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:border-brand-600"
          />
          {reasonError && (
            <p id={`dispute-${evaluation.id}-error`} className="mt-1 text-sm text-red-700">
              {reasonError}
            </p>
          )}
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
