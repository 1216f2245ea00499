/** A filter in front of the stdio message reader: only well-framed messages reach it. */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
/** A header block longer than this is not a header: the bytes are dropped. */
const MAX_HEADER = 8192;
/** Larger bodies are refused (a lying length would swallow every later message). */
export const MAX_BODY = 512 * 1024 * 1024;

/**
 * Passes `Content-Length` framed messages through unchanged and drops what cannot be framed:
 * a header block without a valid `Content-Length` (missing, not a number, negative, too large)
 * or with a line that is not `key: value`, and bytes that never end a header; after bytes left
 * over by a length too short, it resumes at the next `Content-Length` header. The JSON-RPC
 * reader stops at such a header and leaves the messages after it unread until more input
 * comes; behind this filter it never sees one.
 */
export class FrameFilter extends Transform {
  private chunks: Buffer[] = [];
  private size = 0;
  /** The header block of the message whose body is awaited, with its length. */
  private pending: { readonly header: Buffer; readonly length: number } | undefined;

  constructor(private readonly log: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    try {
      this.drain();
    } catch (e) {
      // Never reached by design; a bug here must not stop the server's input.
      this.log(`Message framing failed: ${e instanceof Error ? e.message : String(e)}`);
      this.chunks = [];
      this.size = 0;
      this.pending = undefined;
    }
    done();
  }

  /** The buffered bytes as one buffer. */
  private flat(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0]!;
  }

  private takeBytes(n: number): Buffer {
    const all = this.flat();
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
    return all.subarray(0, n);
  }

  private drain(): void {
    for (;;) {
      if (this.pending) {
        if (this.size < this.pending.length) return;
        // Header and body go as two chunks: a big body is not copied once more to join them.
        this.push(this.pending.header);
        this.push(this.takeBytes(this.pending.length));
        this.pending = undefined;
        continue;
      }
      if (!this.size) return;
      const window = this.flat().subarray(0, MAX_HEADER + HEADER_END.length);
      const end = window.indexOf(HEADER_END);
      if (end < 0) {
        if (window.length > MAX_HEADER) {
          // Keep the last bytes: they may begin the terminator of the next header.
          this.log(`Dropped ${window.length - 3} bytes of input that are not a message header`);
          this.takeBytes(window.length - 3);
          continue;
        }
        return;
      }
      const block = window.subarray(0, end).toString('latin1');
      const length = contentLength(block);
      if (typeof length === 'string') {
        // The rest of a body cut short by its length runs into the next header: resume at that header.
        const next = block.toLowerCase().lastIndexOf('content-length:');
        if (next > 0) {
          this.log(`Dropped ${next} bytes before a message header`);
          this.takeBytes(next);
          continue;
        }
        this.log(`Dropped a message header: ${length}`);
        this.takeBytes(end + HEADER_END.length);
        continue;
      }
      this.pending = { header: Buffer.from(this.takeBytes(end + HEADER_END.length)), length };
    }
  }
}

/** The Content-Length of a header block, or what is wrong with it. */
function contentLength(block: string): number | string {
  let length: number | string = 'no Content-Length';
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return 'a header line without ":"';
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_BODY) return 'Content-Length is not a length';
    length = Number(value);
  }
  return length;
}
