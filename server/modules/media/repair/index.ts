// Makes a recording seekable before it is stored: WebM gets Duration, Cues and a SeekHead; MP4 gets moov first.
import { probeMediaFile, type MediaProbe } from '../probe';

export interface RepairResult {
  /** The file to store: `inputPath` itself when nothing needed changing, else a new file in `workDir`. */
  path: string;
  /** The probe of the file at `path`. */
  probe: MediaProbe;
  changed: boolean;
}

/**
 * Throws MediaParseError (from ../probe) for anything that is not a playable video.
 * TODO(repair): the rewrite itself; for now the input is measured and returned as is.
 */
export async function repairMedia(inputPath: string, _workDir: string): Promise<RepairResult> {
  const probe = await probeMediaFile(inputPath);
  return { path: inputPath, probe, changed: false };
}
