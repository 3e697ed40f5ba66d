// Shown when a save was based on an old version: take the server's copy, or write mine over it.
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
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
  return (
    // Escape would leave the conflict undecided; one of the two choices is needed.
    <Dialog
      open
      labelledBy="evaluation-conflict-title"
      describedBy="evaluation-conflict-description"
      mustChoose
    >
      <div className="p-6">
        <h2 id="evaluation-conflict-title" className="text-lg font-semibold tracking-tight">
          Someone else changed this evaluation
        </h2>
        <p id="evaluation-conflict-description" className="mt-2 text-sm text-slate-600">
          It was saved elsewhere at {formatDateTime(new Date(theirs.updatedAt))}, after the version your
          changes started from. Reload theirs to discard your changes, or keep yours to save them over it.
        </p>
        <div className="mt-6 flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={onReloadTheirs}>
            Reload theirs
          </Button>
          <Button onClick={onKeepMine}>Keep mine</Button>
        </div>
      </div>
    </Dialog>
  );
}
