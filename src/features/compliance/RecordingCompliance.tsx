// For admins on the review page: the legal holds that keep this recording, placing and releasing one,
// and deleting the recording on request (refused, naming the hold, while one applies).
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/Button';
import { TextField } from '../../components/FormField';
import { PanelCard } from '../../components/PanelCard';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { describeError } from '../../lib/api-client';
import { holdsQueryOptions, useDeleteRecording, usePlaceHold, useReleaseHold } from './api';
import { ErrorMessage } from '../../components/ErrorMessage';

const TARGET_LABELS = { recording: 'this recording', conversation: 'its conversation', agent: 'its agent' };

export function RecordingCompliance({ objectId, activityId }: { objectId: string; activityId: string }) {
  const holds = useQuery(holdsQueryOptions(activityId));
  const place = usePlaceHold(activityId);
  const release = useReleaseHold(activityId);
  const remove = useDeleteRecording(objectId, activityId);
  const navigate = useNavigate();
  const [holdReason, setHoldReason] = useState('');
  const [deleteReason, setDeleteReason] = useState('');

  function placeHold(event: FormEvent) {
    event.preventDefault();
    place.mutate(holdReason.trim(), { onSuccess: () => setHoldReason('') });
  }

  function deleteRecording(event: FormEvent) {
    event.preventDefault();
    remove.mutate(deleteReason.trim(), {
      onSuccess: () => void navigate(`/objects/${encodeURIComponent(objectId)}`, { replace: true }),
    });
  }

  return (
    <PanelCard id="compliance" title="Legal hold and deletion">
      <div className="space-y-5 px-5 py-4">
        <section aria-label="Legal holds">
          {holds.isPending ? (
            <p className="text-sm text-slate-600">Loading holds…</p>
          ) : holds.isError ? (
            <QueryErrorNotice query={holds} title="Couldn’t load the holds" />
          ) : holds.data.length === 0 ? (
            <p className="text-sm text-slate-600">No legal hold keeps this recording.</p>
          ) : (
            <ul className="space-y-2">
              {holds.data.map((hold) => (
                <li
                  key={hold.id}
                  className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20"
                >
                  <p>
                    <span className="font-semibold">On hold</span> ({TARGET_LABELS[hold.target]}):{' '}
                    {hold.reason}
                  </p>
                  <p className="text-xs text-amber-800">Set by {hold.createdBy}</p>
                  <Button
                    variant="ghost"
                    className="mt-1 -ml-2"
                    pending={release.isPending && release.variables === hold.id}
                    onClick={() => release.mutate(hold.id)}
                  >
                    Release hold
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <ErrorMessage error={release.error} className="mt-2" />
        </section>

        <form onSubmit={placeHold} className="space-y-2">
          <TextField
            label="Reason for a legal hold"
            value={holdReason}
            onChange={(event) => setHoldReason(event.target.value)}
            required
            maxLength={500}
            error={place.isError ? describeError(place.error) : null}
          />
          <Button type="submit" variant="secondary" pending={place.isPending} disabled={!holdReason.trim()}>
            Place hold
          </Button>
        </form>

        <form onSubmit={deleteRecording} className="space-y-2 border-t border-slate-100 pt-4">
          <TextField
            label="Reason for deletion"
            value={deleteReason}
            onChange={(event) => setDeleteReason(event.target.value)}
            required
            maxLength={500}
            error={remove.isError ? describeError(remove.error) : null}
          />
          <p className="text-xs text-slate-600">
            Deletes the media, the activity and its annotations for good; evaluations are kept.
          </p>
          <Button
            type="submit"
            variant="secondary"
            pending={remove.isPending}
            disabled={!deleteReason.trim()}
          >
            Delete recording
          </Button>
        </form>
      </div>
    </PanelCard>
  );
}
