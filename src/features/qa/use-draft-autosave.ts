// Wires a DraftSaver to React and the page: debounced saves while rating, a save when the page is hidden
// or closed (keepalive), a retry when the network is back, and the state the editor shows.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { Evaluation } from '../../../contract/evaluations';
import { draftSaved, saveEvaluationDraft } from './api';
import { DraftSaver, type SaveStatus } from './draft-saver';
import { draftToOpen, type DraftContent } from './local-draft';

export const AUTOSAVE_DELAY_MS = 800;

export function useDraftAutosave(evaluation: Evaluation, { delayMs = AUTOSAVE_DELAY_MS } = {}) {
  const queryClient = useQueryClient();
  const [opened] = useState(() => draftToOpen(evaluation));
  const [content, setContent] = useState<DraftContent>(opened.content);
  const [status, setStatus] = useState<SaveStatus>(
    opened.restored ? { state: 'saving' } : { state: 'saved' },
  );
  const [saver] = useState(
    () =>
      new DraftSaver({
        evaluationId: evaluation.id,
        baseVersion: opened.baseVersion,
        content: opened.content,
        unsaved: opened.restored,
        save: (draft, options) => saveEvaluationDraft(evaluation.id, draft, options),
        onStatus: setStatus,
        onSaved: (saved) => draftSaved(queryClient, saved),
        delayMs,
      }),
  );

  useEffect(() => {
    // A restored local copy goes to the server as soon as the draft opens.
    if (opened.restored) void saver.flush();
  }, [opened, saver]);

  useEffect(() => {
    const saveForGood = () => void saver.flush({ keepalive: true });
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saveForGood();
    };
    const onOnline = () => void saver.flush();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', saveForGood);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', saveForGood);
      window.removeEventListener('online', onOnline);
      saver.dispose();
      // Leaving the page within the app: what is pending is sent now rather than dropped.
      if (saver.hasUnsavedChanges) void saver.flush();
    };
  }, [saver]);

  const change = useCallback(
    (update: (current: DraftContent) => DraftContent) => {
      const next = update(saver.currentContent);
      saver.change(next);
      setContent(next);
    },
    [saver],
  );

  const reloadTheirs = useCallback((theirs: Evaluation) => setContent(saver.reloadTheirs(theirs)), [saver]);

  return {
    content,
    status,
    change,
    reloadTheirs,
    keepMine: (theirs: Evaluation) => saver.keepMine(theirs),
    flush: () => saver.flush(),
    version: () => saver.currentVersion,
    unsaved: () => saver.hasUnsavedChanges,
  };
}
