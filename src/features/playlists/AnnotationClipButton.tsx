// "Add to playlist" on an annotation: the clip is its moment with ten seconds around it.
import { useState } from 'react';
import { Button } from '../../components/Button';
import { AddToPlaylistDialog } from './AddToPlaylistDialog';
import { annotationClip } from './clip-range';

export function AnnotationClipButton({
  activityId,
  duration,
  annotation,
}: {
  activityId: string;
  duration: number;
  annotation: { startSeconds: number; endSeconds: number | null; text: string };
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => setOpen(true)}>
        Add to playlist<span className="sr-only">: {annotation.text}</span>
      </Button>
      <AddToPlaylistDialog
        open={open}
        onClose={() => setOpen(false)}
        activityId={activityId}
        range={annotationClip(annotation, duration)}
        defaultNote={annotation.text}
      />
    </>
  );
}
