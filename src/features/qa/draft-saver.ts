// Autosave of one evaluation draft: debounced PUTs carrying the version they start from, a local copy
// until the server has the change, "offline" on network failure, and a stop on a stale write (409).
import { evaluationSchema, type Evaluation, type SaveDraft } from '../../../contract/evaluations';
import { isApiError } from '../../lib/api-client';
import { clearLocalDraft, writeLocalDraft, type DraftContent } from './local-draft';

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'saving' }
  | { state: 'offline' }
  | { state: 'failed'; description: string }
  | { state: 'conflict'; theirs: Evaluation };

export interface DraftSaverOptions {
  evaluationId: string;
  baseVersion: number;
  content: DraftContent;
  /** True when `content` is not on the server yet (a restored local copy). */
  unsaved: boolean;
  save: (draft: SaveDraft, options: { keepalive: boolean }) => Promise<Evaluation>;
  onStatus: (status: SaveStatus) => void;
  onSaved: (evaluation: Evaluation) => void;
  delayMs: number;
}

export class DraftSaver {
  private content: DraftContent;
  private version: number;
  private changes = 0;
  private savedChanges: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private conflicted = false;
  private readonly options: DraftSaverOptions;

  constructor(options: DraftSaverOptions) {
    this.options = options;
    this.content = options.content;
    this.version = options.baseVersion;
    this.savedChanges = options.unsaved ? -1 : 0;
  }

  get currentContent(): DraftContent {
    return this.content;
  }

  get currentVersion(): number {
    return this.version;
  }

  get hasUnsavedChanges(): boolean {
    return this.savedChanges !== this.changes || this.conflicted;
  }

  change(content: DraftContent): void {
    this.content = content;
    this.changes += 1;
    this.keepLocally();
    if (this.conflicted) return;
    this.options.onStatus({ state: 'saving' });
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(false);
    }, this.options.delayMs);
  }

  /** Saves now what is not saved yet; resolves when that save (and any it had to wait for) is done. */
  async flush({ keepalive = false } = {}): Promise<void> {
    this.cancelTimer();
    await this.run(keepalive);
    // A change made while a save was running is sent right after it.
    if (this.inFlight) await this.inFlight;
  }

  /** Someone else saved meanwhile: take their version, drop what this device had. */
  reloadTheirs(theirs: Evaluation): DraftContent {
    this.conflicted = false;
    this.version = theirs.version;
    this.content = { ratings: theirs.ratings, overallComment: theirs.overallComment };
    this.savedChanges = this.changes;
    clearLocalDraft(this.options.evaluationId);
    this.options.onSaved(theirs);
    this.options.onStatus({ state: 'saved' });
    return this.content;
  }

  /** Someone else saved meanwhile: write this device's ratings over their version. */
  keepMine(theirs: Evaluation): Promise<void> {
    this.conflicted = false;
    this.version = theirs.version;
    this.changes += 1;
    this.keepLocally();
    return this.flush();
  }

  dispose(): void {
    this.cancelTimer();
  }

  private keepLocally(): void {
    writeLocalDraft(this.options.evaluationId, {
      baseVersion: this.version,
      ratings: this.content.ratings,
      overallComment: this.content.overallComment,
      changedAt: Date.now(),
    });
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(keepalive: boolean): Promise<void> {
    if (this.conflicted) return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    if (this.savedChanges === this.changes) return Promise.resolve();

    const sentChanges = this.changes;
    const sent = this.content;
    this.options.onStatus({ state: 'saving' });
    this.inFlight = (async () => {
      let retryAfter = false;
      try {
        const saved = await this.options.save(
          { version: this.version, ratings: sent.ratings, overallComment: sent.overallComment },
          { keepalive },
        );
        this.version = saved.version;
        this.savedChanges = sentChanges;
        this.options.onSaved(saved);
        if (this.changes === sentChanges) {
          clearLocalDraft(this.options.evaluationId);
          this.options.onStatus({ state: 'saved' });
        } else {
          // Newer changes wait their turn; the local copy now starts from the version just saved.
          this.keepLocally();
          retryAfter = true;
        }
      } catch (error) {
        this.options.onStatus(this.failureStatus(error));
      } finally {
        this.inFlight = null;
      }
      if ((retryAfter || this.again) && !this.conflicted) {
        this.again = false;
        await this.run(false);
      }
      this.again = false;
    })();
    return this.inFlight;
  }

  private failureStatus(error: unknown): SaveStatus {
    if (isApiError(error) && error.status === 409) {
      const theirs = evaluationSchema.safeParse(error.data);
      if (theirs.success) {
        this.conflicted = true;
        return { state: 'conflict', theirs: theirs.data };
      }
    }
    if (isApiError(error) && error.kind === 'network') return { state: 'offline' };
    return {
      state: 'failed',
      description: isApiError(error) ? error.description : 'The draft could not be saved.',
    };
  }
}
