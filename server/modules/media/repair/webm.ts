// Rewrites a live-recorded WebM (MediaRecorder) from its scan into a seekable one: known sizes, a
// Duration, Cues and a SeekHead, with every Cluster's payload copied byte for byte. (webm-stream.ts
// writes the same file while the scan reads the input; this is the path for everything it leaves.)
import { open } from 'node:fs/promises';
import type { WebmScan } from '../probe';
import { WriteId, masterHeader } from './ebml-writer';
import { OutputFile } from './output-file';
import {
  CLUSTER_HEADER_LENGTH,
  buildCues,
  keptRanges,
  lengthOf,
  rebuildInfo,
  seekHead,
  sum,
} from './webm-layout';

/** Writes the seekable form of the scanned file at `inputPath` to `outputPath` (which must not exist). */
export async function rewriteWebm(inputPath: string, scan: WebmScan, outputPath: string): Promise<void> {
  const source = await open(inputPath, 'r');
  let output: OutputFile | null = null;
  try {
    const info = await rebuildInfo(source, scan);
    const kept = keptRanges(scan);
    const clusters = scan.clusters.map((cluster) => ({ start: cluster.dataOffset, end: cluster.end }));

    // Every length is known before the first byte is written, so positions are computed, not patched.
    const seekHeadLength = seekHead(0, 0, 0).length;
    const infoPosition = seekHeadLength;
    const tracksPosition = infoPosition + info.length;
    let position = tracksPosition + sum(kept.map(lengthOf));
    const clusterPositions = clusters.map((cluster) => {
      const at = position;
      position += CLUSTER_HEADER_LENGTH + lengthOf(cluster);
      return at;
    });
    const cuesPosition = position;
    const cues = buildCues(scan, clusterPositions);
    const segmentSize = cuesPosition + cues.length;

    output = await OutputFile.create(outputPath);
    await output.copyRange(source, 0, scan.segmentOffset); // the EBML header, as it was
    await output.write(masterHeader(WriteId.Segment, segmentSize));
    const segmentDataOffset = output.position;
    await output.write(seekHead(infoPosition, tracksPosition, cuesPosition));
    await output.write(info);
    for (const range of kept) await output.copyRange(source, range.start, range.end);
    for (const cluster of clusters) {
      await output.write(masterHeader(WriteId.Cluster, lengthOf(cluster)));
      await output.copyRange(source, cluster.start, cluster.end);
    }
    await output.write(cues);
    if (output.position !== segmentDataOffset + segmentSize) {
      throw new Error(
        `WebM rewrite wrote ${output.position - segmentDataOffset} bytes, planned ${segmentSize}`,
      );
    }
    await output.close();
    output = null;
  } finally {
    await output?.abandon();
    await source.close();
  }
}
