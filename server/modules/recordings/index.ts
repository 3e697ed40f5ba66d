// The recordings module: the recording lifecycle (create, resumable upload, complete, fail), the sweeps
// of abandoned uploads and abandoned calls, and the webhook outbox's worker.
import { join } from 'node:path';
import { intervalJob } from '../../lib/jobs';
import type { AccessControl } from '../access/service';
import type { CoreDeps, TapelineModule } from '../module';
import { sweepAbandonedCalls, sweepAbandonedUploads, sweepLeftovers } from './cleanup';
import recordingsRoutes from './routes';
import { recordingsService } from './service';
import { uploadStore } from './uploads';
import { webhookOutbox } from './webhook';

export function recordingsModule(core: CoreDeps, access: AccessControl) {
  const { config, db, storage, log } = core;
  const uploads = uploadStore({ db, storage, workRoot: join(config.dataDir, 'work') });
  const webhook = config.webhook ? webhookOutbox({ ...config.webhook, db, storage, log }) : null;
  const service = recordingsService({
    db,
    access,
    storage,
    uploads,
    publicUrl: config.publicUrl,
    maxRecordingBytes: config.maxRecordingBytes,
    webhook,
  });
  const sweep = { db, uploads, maxAgeSeconds: config.uploadMaxAgeSeconds, log };
  const callSweep = {
    db,
    completion: service.completion,
    abandonAfterSeconds: config.callAbandonAfterSeconds,
    log,
  };
  // Looked at a few times per CALL_ABANDON_AFTER, so a quiet call is completed soon after it qualifies.
  const callSweepInterval = Math.max(
    1,
    Math.min(config.uploadCleanupIntervalSeconds, Math.ceil(config.callAbandonAfterSeconds / 4)),
  );
  return {
    service,
    webhook,
    routes: (api) => api.register(recordingsRoutes, { recordings: service }),
    jobs: [
      intervalJob(
        'leftover-sweep',
        config.uploadCleanupIntervalSeconds,
        () => sweepLeftovers({ uploads, storage, log }),
        log,
        { atStart: true },
      ),
      intervalJob(
        'upload-sweep',
        config.uploadCleanupIntervalSeconds,
        () => sweepAbandonedUploads(sweep),
        log,
      ),
      intervalJob('call-sweep', callSweepInterval, () => sweepAbandonedCalls(callSweep), log),
      ...(webhook ? [{ name: 'webhook-outbox', start: webhook.start, stop: webhook.close }] : []),
    ],
  } satisfies TapelineModule & Record<string, unknown>;
}
