/**
 * The protocol between the grader and its child, against a child that no longer follows it (as
 * one would after breaking out of the vm context): whatever it writes, the request it answers
 * fails at once with a reason, never by time-out, and the grader itself neither throws nor hoards.
 */
import { describe, expect, it } from 'vitest';
import { newSubmissionOutput, SandboxChild, type Outcome } from '../../graders/sandbox/child.ts';
import { MAX_EPOCH_CALLS } from '../../graders/sandbox/limits.ts';
import { DecodeError, decodeValue, encodeFrame, encodeValue, FrameReader, type FrameEvent } from '../../graders/sandbox/wire.ts';

/** A child that says it is ready, then answers every request by running `answer` (a script body). */
const rogue = (answer: string) => String.raw`
import { writeSync } from 'node:fs';
const out = (bytes) => { let at = 0; while (at < bytes.length) { try { at += writeSync(3, bytes, at); } catch (e) { if (e.code !== 'EAGAIN') throw e; } } };
const frame = (message) => { const body = Buffer.from(JSON.stringify(message)); const head = Buffer.alloc(4); head.writeUInt32BE(body.length); return Buffer.concat([head, body]); };
out(frame({ kind: 'ready' }));
process.stdin.once('data', () => { ${answer} });
`;

/** Starts the rogue child and sends it one call; the call's outcome. */
async function ask(answer: string): Promise<Outcome> {
  const output = newSubmissionOutput();
  const { child, outcome } = await SandboxChild.start(rogue(answer), { memoryMb: 256 }, output);
  expect(outcome.kind).toBe('answer');
  try {
    return await child.request({ kind: 'call', from: 'named', name: 'f', args: [] }, 120_000);
  } finally {
    child.kill();
    await Promise.all(output.finished);
  }
}

describe('a child that breaks the protocol', () => {
  it('bytes that are not a frame: "sent a malformed answer", at once', async () => {
    const outcome = await ask(`out(Buffer.from([0, 0, 0, 9])); out(Buffer.from('not json!'));`);
    expect(outcome).toEqual({ kind: 'exit', reason: 'sent a malformed answer' });
  });

  it('a frame that claims 2 GB: refused from its length alone', async () => {
    const outcome = await ask(`out(Buffer.from([0x7f, 0xff, 0xff, 0xff])); out(Buffer.alloc(1024));`);
    expect(outcome).toEqual({ kind: 'exit', reason: 'sent an answer over 32 MiB' });
  });

  it('JSON that is not one of our messages is malformed too', async () => {
    const outcome = await ask(`out(frame({ kind: 'result', id: 'one', value: 1 }));`);
    expect(outcome).toEqual({ kind: 'exit', reason: 'sent a malformed answer' });
  });

  it('a value nested 100,000 deep fails its own call as too deep', async () => {
    const outcome = await ask(`const deep = '['.repeat(100000) + ']'.repeat(100000); const body = Buffer.from('{"kind":"result","id":1,"value":' + deep + '}'); const head = Buffer.alloc(4); head.writeUInt32BE(body.length); out(Buffer.concat([head, body]));`);
    expect(outcome.kind).toBe('answer');
    if (outcome.kind === 'answer') expect(outcome.message).toMatchObject({ kind: 'failed', error: { code: 'too-deep' } });
  });

  it('300 MB of well-formed frames: the child is ended after 256 MiB', async () => {
    const outcome = await ask(`const f = frame({ kind: 'result', id: 99, value: 'x'.repeat(1 << 20) }); for (let i = 0; i < 300; i++) out(f);`);
    expect(outcome).toEqual({ kind: 'exit', reason: 'sent over 256 MiB of answers' });
  });

  it('200,000 onEpoch frames: the grader keeps the first 10,000, and the answer still counts', async () => {
    const outcome = await ask(`const parts = []; for (let i = 1; i <= 200000; i++) parts.push(frame({ kind: 'epoch', id: 1, epoch: i, loss: 0.5 })); out(Buffer.concat(parts)); out(frame({ kind: 'result', id: 1, value: [{ '#': 'NaN' }, 2] }));`);
    expect(outcome.kind).toBe('answer');
    if (outcome.kind !== 'answer' || outcome.message.kind !== 'result') throw new Error(JSON.stringify(outcome));
    expect(outcome.message.epochs).toHaveLength(MAX_EPOCH_CALLS);
    expect(outcome.message.value).toEqual([Number.NaN, 2]);
  });
});

describe('frames and values', () => {
  const frames = (chunks: Buffer[], max = 1024) => {
    const events: FrameEvent[] = [];
    const reader = new FrameReader(max, (event) => events.push(event));
    for (const chunk of chunks) reader.push(chunk);
    return events;
  };

  it('a frame split across chunks, and two in one chunk, read whole', () => {
    const a = encodeFrame({ kind: 'ready' });
    const b = encodeFrame({ kind: 'loaded', id: 1 });
    const both = Buffer.concat([a, b]);
    expect(frames([both.subarray(0, 3), both.subarray(3, 9), both.subarray(9)])).toEqual([
      { ok: true, message: { kind: 'ready' } },
      { ok: true, message: { kind: 'loaded', id: 1 } },
    ]);
  });

  it('after garbage the reader stops: nothing after it is trusted', () => {
    const garbage = Buffer.concat([Buffer.from([0, 0, 0, 2]), Buffer.from('{x'), encodeFrame({ kind: 'ready' })]);
    expect(frames([garbage])).toEqual([{ ok: false, problem: 'malformed', bytes: 2 }]);
  });

  it('NaN, ±Infinity, undefined and Float64Arrays arrive as themselves', () => {
    const sent = [Number.NaN, Infinity, -Infinity, undefined, new Float64Array([1.5, Number.NaN]), { '#': 'a key of the student' }];
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(sent))), 100, 10) as unknown[];
    expect(back.slice(0, 4)).toEqual([Number.NaN, Infinity, -Infinity, undefined]);
    expect(back[4]).toBeInstanceOf(Float64Array);
    expect(Array.from(back[4] as Float64Array)).toEqual([1.5, Number.NaN]);
    expect(back[5]).toEqual({ '#': 'a key of the student' });
  });

  it('a key named __proto__ stays a key and changes no prototype', () => {
    const back = decodeValue(JSON.parse('{"__proto__": {"polluted": true}}'), 100, 10) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('values past the budget or the depth are refused, unknown tags are malformed', () => {
    expect(() => decodeValue(new Array(101).fill(0), 100, 10)).toThrow(DecodeError);
    expect(() => decodeValue([[[[1]]]], 100, 2)).toThrow(expect.objectContaining({ problem: 'too-deep' }));
    expect(() => decodeValue({ '#': 'Function' }, 100, 10)).toThrow(expect.objectContaining({ problem: 'malformed' }));
  });
});
