/**
 * The messages between the grader and the sandboxed child. What the grader sends is typed; what
 * comes back is a frame (wire.ts) validated with zod, and a returned value is decoded with a
 * budget, before anything reads it: the child runs student code.
 */
import * as z from 'zod';
import { HARNESS_ERROR_CODES } from './limits.ts';

export interface LoadRequest {
  kind: 'load';
  id: number;
  code: string;
}
export interface CallRequest {
  kind: 'call';
  id: number;
  from: 'named' | 'default';
  name: string;
  /** The arguments as JSON text with non-finite numbers tagged (wire.ts encodeValue). */
  args: string;
  /** Math.random's seed for this call (a fixed one when absent). */
  seed?: number;
  /** Set for train: the prelude adds an onEpoch that reports each call. */
  train?: boolean;
}
/** The work is done: the harness exits. */
export interface StopRequest {
  kind: 'stop';
}
export type GraderMessage = LoadRequest | CallRequest | StopRequest;

/** A request before the child session numbers it and encodes its arguments. */
export type GraderRequest =
  | Omit<LoadRequest, 'id'>
  | { kind: 'call'; from: 'named' | 'default'; name: string; args: unknown[]; seed?: number; train?: boolean };

export const PlainErrorSchema = z.object({
  name: z.string().max(200),
  message: z.string().max(5000),
  stack: z.string().max(10_000).optional(),
  code: z.enum(HARNESS_ERROR_CODES).optional(),
});
export type PlainError = z.infer<typeof PlainErrorSchema>;

const id = z.number().int().nonnegative();
/** A number as the wire sends it: plain, or tagged when it is not finite or was not a number. */
const WireNumberSchema = z.union([z.number(), z.object({ '#': z.enum(['NaN', 'Infinity', '-Infinity', 'undefined']) })]);

/** One frame from the child, as sent (a result's value still encoded). */
export const FrameSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('loaded'), id, named: z.array(z.string().max(200)).max(1000), default: z.array(z.string().max(200)).max(1000) }),
  z.object({ kind: z.literal('failed'), id, error: PlainErrorSchema }),
  z.object({ kind: z.literal('result'), id, value: z.unknown() }),
  z.object({ kind: z.literal('epoch'), id, epoch: WireNumberSchema, loss: WireNumberSchema }),
]);
export type Frame = z.infer<typeof FrameSchema>;

/** onEpoch's two arguments, NaN where one was missing or not a number. */
export type EpochCall = [number, number];

/** An answer as the grader's parts read it: decoded, with the onEpoch calls of the request. */
export type ParsedChildMessage =
  | { kind: 'ready' }
  | { kind: 'loaded'; id: number; named: string[]; default: string[] }
  | { kind: 'failed'; id: number; error: PlainError; epochs: EpochCall[] }
  | { kind: 'result'; id: number; value: unknown; epochs: EpochCall[] };
