// Writes the seekable form of a WebM while the scan reads it, so the input is read once: the head goes
// out when the first Cluster is reached, each Cluster's payload as its bytes stream past the scan (a
// TeeReader hands them over), and what is only known at the end — the Segment's and each Cluster's
// size, the Duration, where the Cues are — is patched in place. The result is byte for byte what
// rewriteWebm (webm.ts) writes from the finished scan.
//
// A Cluster's bytes are copied as they arrive, before the scan knows where the Cluster ends (an
// unknown-size Cluster ends where the next Segment child starts, a damaged one after its last whole
// block); when it ends, the output is cut back to that end. Files this layout cannot write in one go —
// a Duration already declared (likely seekable already), several Info or Tracks, or elements after the
// first Cluster that must be kept ahead of the Clusters — are left to rewriteWebm: `complete` is false.
import type { FileHandle } from 'node:fs/promises';
import { EbmlId, type ElementHeader } from '../probe/ebml';
import type { WebmScan, WebmScanObserver } from '../probe/webm';
import { WriteId, masterHeader } from './ebml-writer';
import { OutputFile } from './output-file';
import type { TeeReader } from './tee-reader';
import {
  CLUSTER_HEADER_LENGTH,
  DURATION_PAYLOAD_LENGTH,
  buildCues,
  durationTicks,
  keptRanges,
  rebuildInfo,
  seekHead,
} from './webm-layout';

/** Segment children after the first Cluster that the rewrite drops anyway: they do not stop it. */
const DROPPED_AFTER_CLUSTERS: ReadonlySet<number> = new Set([
  EbmlId.Cues,
  EbmlId.SeekHead,
  EbmlId.Void,
  EbmlId.Crc32,
]);

interface Head {
  segmentHeaderAt: number;
  segmentDataOffset: number;
  durationAt: number;
}

interface OpenCluster {
  header: ElementHeader;
  /** Output position of its (rewritten) header. */
  outputAt: number;
}

export class WebmStreamRewrite implements WebmScanObserver {
  private output: OutputFile | null = null;
  private head: Head | null = null;
  private cluster: OpenCluster | null = null;
  /** Output positions of the Clusters written, relative to the Segment's payload. */
  private readonly clusterPositions: number[] = [];
  private given = false;

  constructor(
    private readonly reader: TeeReader,
    private readonly source: FileHandle,
    private readonly outputPath: string,
  ) {
    reader.sink = (bytes, offset) => this.take(bytes, offset);
  }

  /** Whether every Cluster went out here, so that `finish` completes the file. */
  get complete(): boolean {
    return !this.given && this.head !== null;
  }

  async segmentChild(header: ElementHeader, scan: WebmScan): Promise<void> {
    if (this.given) return;
    await this.closeCluster(scan);
    if (header.id === EbmlId.Cluster) {
      if (!this.head && !(await this.startOutput(scan))) return;
      this.cluster = { header, outputAt: this.output!.position };
      await this.output!.write(masterHeader(WriteId.Cluster, 0)); // its size once it ends
    } else if (this.head && !DROPPED_AFTER_CLUSTERS.has(header.id)) {
      await this.giveUp();
    }
  }

  /** After the scan: the last Cluster, the Cues, and the sizes patched in. Deletes nothing. */
  async finish(scan: WebmScan): Promise<number> {
    const output = this.output;
    const head = this.head;
    if (!output || !head || this.given) throw new Error('finish() on a WebM rewrite that gave up');
    await this.closeCluster(scan);
    if (this.clusterPositions.length !== scan.clusters.length) {
      throw new Error(`wrote ${this.clusterPositions.length} clusters of ${scan.clusters.length}`);
    }
    const cuesPosition = output.position - head.segmentDataOffset;
    await output.write(buildCues(scan, this.clusterPositions));
    const segmentSize = output.position - head.segmentDataOffset;
    await output.patch(head.segmentHeaderAt, masterHeader(WriteId.Segment, segmentSize));
    const infoPosition = seekHead(0, 0, 0).length;
    const duration = Buffer.alloc(DURATION_PAYLOAD_LENGTH);
    duration.writeDoubleBE(durationTicks(scan));
    await output.patch(head.durationAt, duration);
    const tracksPosition = head.durationAt + DURATION_PAYLOAD_LENGTH - head.segmentDataOffset;
    await output.patch(head.segmentDataOffset, seekHead(infoPosition, tracksPosition, cuesPosition));
    const size = output.position;
    this.output = null;
    await output.close();
    return size;
  }

  /** Stops writing (at any point; again is harmless); the caller deletes the output, if any. */
  async giveUp(): Promise<void> {
    this.given = true;
    this.reader.sink = null;
    this.cluster = null;
    const output = this.output;
    this.output = null;
    await output?.abandon();
  }

  private async startOutput(scan: WebmScan): Promise<boolean> {
    const count = (id: number) => scan.elements.filter((child) => child.id === id).length;
    if (scan.declaredDuration !== null || count(EbmlId.Info) > 1 || count(EbmlId.Tracks) !== 1) {
      await this.giveUp();
      return false;
    }
    // Written as rewriteWebm writes them, with placeholders where the end of the scan will tell.
    const info = await rebuildInfo(this.source, scan);
    const output = await OutputFile.create(this.outputPath);
    this.output = output;
    await output.copyRange(this.source, 0, scan.segmentOffset); // the EBML header, as it was
    const segmentHeaderAt = output.position;
    await output.write(masterHeader(WriteId.Segment, 0));
    const segmentDataOffset = output.position;
    await output.write(seekHead(0, 0, 0));
    await output.write(info);
    const durationAt = output.position - DURATION_PAYLOAD_LENGTH;
    for (const range of keptRanges(scan)) await output.copyRange(this.source, range.start, range.end);
    this.head = { segmentHeaderAt, segmentDataOffset, durationAt };
    return true;
  }

  /** Bytes of the input in file order, as the scan moves past them: a Cluster's payload is kept. */
  private async take(bytes: Uint8Array, offset: number): Promise<void> {
    const cluster = this.cluster;
    if (!cluster || !this.output) return;
    const from = cluster.header.dataOffset - offset;
    if (from >= bytes.length) return;
    await this.output.write(from > 0 ? bytes.subarray(from) : bytes);
  }

  /** The open Cluster ends where the scan says: its bytes up to there, its size, its position. */
  private async closeCluster(scan: WebmScan): Promise<void> {
    const cluster = this.cluster;
    const output = this.output;
    const head = this.head;
    if (!cluster || !output || !head) return;
    this.cluster = null;
    const scanned = scan.clusters.at(-1);
    if (scanned?.offset !== cluster.header.offset) {
      output.rewind(cluster.outputAt); // no Timecode: the rewrite has no such Cluster either
      return;
    }
    const start = cluster.header.dataOffset;
    this.cluster = cluster; // still taking bytes while the reader hands over the rest of it
    await this.reader.deliverThrough(scanned.end);
    this.cluster = null;
    const payloadStart = cluster.outputAt + CLUSTER_HEADER_LENGTH;
    output.rewind(payloadStart + (scanned.end - start));
    await output.patch(cluster.outputAt, masterHeader(WriteId.Cluster, scanned.end - start));
    this.clusterPositions.push(cluster.outputAt - head.segmentDataOffset);
  }
}
