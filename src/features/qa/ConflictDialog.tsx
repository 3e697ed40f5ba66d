// Shown when a save was based on an old version: take the server's copy, or write mine over it.
import { useEffect, useRef } from 'react';
import { Button } from '../../components/Button';
import type { Evaluation } from '../../../contract/evaluations';
import { formatDateTime } from '../../lib/format';

export function ConflictDialog({
  theirs,
  onReloadTheirs,
  onKeepMine,
}: {
  theirs: Evaluation;
  onReloadTheirs: () => void;
  onKeepMine: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    // jsdom has no showModal(); browsers all do.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }, []);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="evaluation-conflict-title"
      aria-describedby="evaluation-conflict-description"
      // Escape would leave the conflict undecided; one of the two choices is needed.
      onCancel={(event) => event.preventDefault()}
      className="m-auto w-full max-w-md rounded-xl bg-white p-6 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-950/50"
    >
      <h2 id="evaluation-conflict-title" className="text-lg font-semibold tracking-tight">
        Someone else changed this evaluation
      </h2>
      <p id="evaluation-conflict-description" className="mt-2 text-sm text-slate-600">
        It was saved elsewhere at {formatDateTime(new Date(theirs.updatedAt))}, after the version your changes
        started from. Reload theirs to discard your changes, or keep yours to save them over it.
      </p>
      <div className="mt-6 flex flex-wrap justify-end gap-3">
        <Button variant="secondary" onClick={onReloadTheirs}>
          Reload theirs
        </Button>
        <Button onClick={onKeepMine}>Keep mine</Button>
      </div>
    </dialog>
  );
}
