// Recordings a closed or crashed tab left in this browser: uploaded and completed on the next visit.
// A recording whose recorder still runs (another tab) holds its Web Lock and is left alone.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { recordingLockName } from './recorder/recorder';
import { allRecordings, markEnded } from './recorder/slice-store';
import { Uploader } from './recorder/uploader';

export function RecordingRecovery() {
  const [message, setMessage] = useState<string | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!navigator.locks || typeof indexedDB === 'undefined') return;
    let uploaders: Uploader[] = [];
    let cancelled = false;
    void allRecordings()
      .then((leftovers) =>
        Promise.all(
          leftovers.map((leftover) =>
            navigator.locks.request(
              recordingLockName(leftover.recordingId),
              { ifAvailable: true },
              async (lock) => {
                if (!lock || cancelled) return;
                setMessage('Saving a call recording left in this browser from an earlier visit…');
                if (!leftover.ended) await markEnded(leftover.recordingId);
                const uploader = new Uploader(leftover.recordingId, (state) => {
                  if (state.kind === 'failed') {
                    setMessage(`A call recording from an earlier visit could not be saved: ${state.message}`);
                  }
                });
                uploaders.push(uploader);
                const result = await uploader.finished;
                if (result) {
                  setMessage('A call recording from an earlier visit was saved.');
                  void queryClient.invalidateQueries({ queryKey: ['objects'] });
                }
              },
            ),
          ),
        ),
      )
      .catch(() => undefined);
    return () => {
      cancelled = true;
      uploaders.forEach((uploader) => uploader.stop());
      uploaders = [];
    };
  }, [queryClient]);

  return (
    <div role="status" className="empty:hidden">
      {message && (
        <p className="border-b border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900 sm:px-6 lg:px-8">
          {message}
        </p>
      )}
    </div>
  );
}
