// Makes a recording seekable before it is stored: WebM gets Duration, Cues and a SeekHead; MP4 gets moov first.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectMediaFile, probeMediaFile, type MediaProbe } from '../probe';
import { needsFaststart, writeFaststart } from './mp4';
import { rewriteWebm } from './webm';

export interface RepairResult {
  /** The file to store: `inputPath` itself when nothing needed changing, else a new file in `workDir`. */
  path: string;
  /** The probe of the file at `path`. */
  probe: MediaProbe;
  changed: boolean;
}

/**
 * Streams the input once to measure it and, when it is not seekable, once more into a new file in
 * `workDir` (memory stays constant whatever the file size). Already seekable files, and fragmented MP4
 * (playable as it is; its index lives in the fragments), come back unchanged.
 * Throws MediaParseError (from ../probe) for anything that is not a playable video.
 */
export async function repairMedia(inputPath: string, workDir: string): Promise<RepairResult> {
  const inspection = await inspectMediaFile(inputPath);
  const unchanged: RepairResult = { path: inputPath, probe: inspection.probe, changed: false };
  if (inspection.probe.seekable) return unchanged;
  if (inspection.container === 'mp4' && !needsFaststart(inspection.scan)) return unchanged;

  const outputPath = join(workDir, `repaired-${randomUUID()}.${inspection.container}`);
  try {
    if (inspection.container === 'webm') await rewriteWebm(inputPath, inspection.scan, outputPath);
    else await writeFaststart(inputPath, inspection.scan, outputPath);
    const probe = await probeMediaFile(outputPath);
    if (!probe.seekable) throw new Error(`The repaired ${inspection.container} file is still not seekable.`);
    return { path: outputPath, probe, changed: true };
  } catch (error) {
    await rm(outputPath, { force: true });
    throw error;
  }
}
