// Makes a recording seekable before it is stored: WebM gets Duration, Cues and a SeekHead; MP4 gets moov
// first; Ogg is seekable as it is.
import { randomUUID } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { MediaParseError, containerOf, probeMediaFile, type MediaProbe } from '../probe';
import { describeMp4, scanMp4From } from '../probe/mp4';
import { describeOgg, scanOggFrom } from '../probe/ogg';
import { describeWebm, scanWebmFrom } from '../probe/webm';
import { describeRepairedMp4, needsFaststart, writeFaststart } from './mp4';
import { TeeReader } from './tee-reader';
import { rewriteWebm } from './webm';
import { durationTicks } from './webm-layout';
import { WebmStreamRewrite } from './webm-stream';

export interface RepairResult {
  /** The file to store: `inputPath` itself when nothing needed changing, else a new file in `workDir`. */
  path: string;
  /** The probe of the file at `path`. */
  probe: MediaProbe;
  changed: boolean;
}

/**
 * A MediaRecorder WebM is read once: scanned and written out seekable in the same pass (webm-stream.ts),
 * its probe taken from what the scan learned. An MP4 with moov at the end is scanned (box headers and
 * moov only) and copied once with moov moved up. Already seekable files, and fragmented MP4 (playable
 * as it is; its index lives in the fragments), come back unchanged. Memory stays constant whatever the
 * file size. Throws MediaParseError (from ../probe) for anything that is not a playable recording (video, or sound
 * alone).
 */
export async function repairMedia(inputPath: string, workDir: string): Promise<RepairResult> {
  const reader = await TeeReader.openTee(inputPath);
  const source = await open(inputPath, 'r');
  const outputPath = (container: string) => join(workDir, `repaired-${randomUUID()}.${container}`);
  let written: string | null = null;
  try {
    if (reader.size === 0) throw new MediaParseError('empty', 'The file is empty.');
    const container = containerOf(await reader.read(0, 8));
    if (container === 'webm') {
      written = outputPath('webm');
      const result = await repairWebm(inputPath, reader, source, written);
      if (result.changed) written = null;
      return result;
    }
    // Ogg seeks by granule positions without an index: measured, and stored as it came.
    if (container === 'ogg')
      return { path: inputPath, probe: describeOgg(await scanOggFrom(reader)), changed: false };
    const scan = await scanMp4From(reader);
    const probe = describeMp4(scan);
    if (probe.seekable || !needsFaststart(scan)) return { path: inputPath, probe, changed: false };
    written = outputPath('mp4');
    const layout = await writeFaststart(inputPath, scan, written);
    const result = { path: written, probe: describeRepairedMp4(scan, layout), changed: true };
    written = null;
    return result;
  } finally {
    await Promise.all([reader.close(), source.close()]);
    if (written) await rm(written, { force: true });
  }
}

/** Scans and writes in one pass where it can; the rare other layouts are written from the scan. */
async function repairWebm(
  inputPath: string,
  reader: TeeReader,
  source: FileHandle,
  outputPath: string,
): Promise<RepairResult> {
  const rewrite = new WebmStreamRewrite(reader, source, outputPath);
  try {
    const scan = await scanWebmFrom(reader, rewrite);
    const probe = describeWebm(scan);
    if (probe.seekable) {
      await rewrite.giveUp();
      return { path: inputPath, probe, changed: false };
    }
    if (rewrite.complete) {
      const fileSize = await rewrite.finish(scan);
      // The probe of the result, from the scan: the same blocks, now with Cues and this Duration.
      const repaired = { ...scan, declaredDuration: durationTicks(scan), hasCues: true, fileSize };
      return { path: outputPath, probe: describeWebm(repaired), changed: true };
    }
    await rewrite.giveUp();
    await rm(outputPath, { force: true });
    await rewriteWebm(inputPath, scan, outputPath);
    return { path: outputPath, probe: await checkedProbe(outputPath), changed: true };
  } catch (error) {
    await rewrite.giveUp();
    throw error;
  }
}

async function checkedProbe(path: string): Promise<MediaProbe> {
  const probe = await probeMediaFile(path);
  if (!probe.seekable) throw new Error(`The repaired ${probe.container} file is still not seekable.`);
  return probe;
}
