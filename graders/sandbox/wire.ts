/**
 * The bytes between the grader and its sandboxed child: length-prefixed frames of JSON, read by
 * the grader with a byte cap per frame, and values whose non-finite numbers, undefined and typed
 * arrays are tagged explicitly ({"#": "NaN"}), so that nothing is lost or invented on the way.
 *
 * The grader never hands bytes the child controls to Node's own deserializer: a frame is parsed
 * here, within its cap, and decoded with a budget of numbers and a depth limit.
 */

/** The tag key: an object holding it is one of the encodings below, never a student's object. */
export const TAG = '#';

/** Bytes of the length prefix of every frame. */
const HEADER_BYTES = 4;

/** One frame of JSON text already made (the prelude builds its answers as text). */
export function frameOf(json: string): Buffer {
  const body = Buffer.from(json, 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

export const encodeFrame = (message: unknown): Buffer => frameOf(JSON.stringify(message));

export type FrameEvent = { ok: true; message: unknown } | { ok: false; problem: 'too-large' | 'malformed'; bytes: number };

/**
 * Splits a byte stream into frames. A frame over `maxBytes` or one that is not JSON is reported
 * once and ends the reader: after garbage the stream cannot be trusted to be in step again.
 */
export class FrameReader {
  private buffered: Buffer[] = [];
  private size = 0;
  private broken = false;
  /** The body length of the frame being read, once its header is in; bytes are joined only when all have come. */
  private bodyBytes: number | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly onFrame: (event: FrameEvent) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.broken) return;
    this.buffered.push(chunk);
    this.size += chunk.length;
    while (!this.broken) {
      if (this.bodyBytes === undefined) {
        if (this.size < HEADER_BYTES) return;
        const length = this.take(HEADER_BYTES).readUInt32BE(0);
        if (length > this.maxBytes) return this.fail('too-large', length);
        this.bodyBytes = length;
      }
      if (this.size < this.bodyBytes) return;
      const body = this.take(this.bodyBytes);
      this.bodyBytes = undefined;
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch {
        return this.fail('malformed', body.length);
      }
      this.onFrame({ ok: true, message });
    }
  }

  private fail(problem: 'too-large' | 'malformed', bytes: number): void {
    this.broken = true;
    this.buffered = [];
    this.size = 0;
    this.onFrame({ ok: false, problem, bytes });
  }

  /** Removes and returns the first `n` buffered bytes (there are at least `n`). */
  private take(n: number): Buffer {
    const all = this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered);
    const rest = all.subarray(n);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    return all.subarray(0, n);
  }
}

export class DecodeError extends Error {
  constructor(readonly problem: 'too-large' | 'too-deep' | 'malformed') {
    super(problem);
  }
}

const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/**
 * A value as the judges see it: numbers (NaN and ±Infinity included), strings, booleans, null,
 * undefined, arrays, Float64Arrays and plain objects. At most `maxNumbers` entries in all and
 * `maxDepth` levels; anything else in the tree is malformed.
 */
export function decodeValue(encoded: unknown, maxNumbers: number, maxDepth: number): unknown {
  let budget = maxNumbers;
  const spend = (n: number) => {
    budget -= n;
    if (budget < 0) throw new DecodeError('too-large');
  };
  const decode = (value: unknown, depth: number): unknown => {
    if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value !== 'object') throw new DecodeError('malformed');
    if (depth > maxDepth) throw new DecodeError('too-deep');
    if (Array.isArray(value)) {
      spend(value.length);
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = decode(value[i], depth + 1);
      return out;
    }
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, TAG)) {
      const tag = record[TAG];
      if (typeof tag === 'string' && Object.hasOwn(NON_FINITE, tag)) return NON_FINITE[tag];
      if (tag === 'undefined') return undefined;
      if (tag === 'f64' && Array.isArray(record.v)) {
        spend(record.v.length);
        const out = new Float64Array(record.v.length);
        for (let i = 0; i < out.length; i++) {
          const entry = decode(record.v[i], depth + 1);
          if (typeof entry !== 'number') throw new DecodeError('malformed');
          out[i] = entry;
        }
        return out;
      }
      if (tag === 'object' && record.v !== null && typeof record.v === 'object' && !Array.isArray(record.v)) return decodePlain(record.v as Record<string, unknown>, depth);
      throw new DecodeError('malformed');
    }
    return decodePlain(record, depth);
  };
  const decodePlain = (record: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const keys = Object.keys(record);
    spend(keys.length);
    const out: Record<string, unknown> = {};
    // Defined, not assigned: a key named __proto__ stays a key and changes no prototype.
    for (const key of keys) Object.defineProperty(out, key, { value: decode(record[key], depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return decode(encoded, 0);
}

/**
 * The JSON text of a call's arguments (encodeValue), made once per array: a run sends every student
 * the same cases (run-part.ts keeps them), so the digits and the fixtures are encoded once, not
 * once per student. The grader never changes an array it has sent.
 */
const argsTexts = new WeakMap<unknown[], string>();

export function argsText(args: unknown[]): string {
  let text = argsTexts.get(args);
  if (text === undefined) {
    text = JSON.stringify(encodeValue(args));
    argsTexts.set(args, text);
  }
  return text;
}

/** The grader's own values as the child expects them (NaN and ±Infinity tagged, typed arrays as f64). */
export function encodeValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { [TAG]: String(value) };
  if (value === undefined) return { [TAG]: 'undefined' };
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return { [TAG]: 'f64', v: Array.from(value as unknown as ArrayLike<number>, encodeValue) };
  if (Array.isArray(value)) return value.map(encodeValue);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = encodeValue(entry);
  return Object.hasOwn(out, TAG) ? { [TAG]: 'object', v: out } : out;
}
