/**
 * The messages between the grader and the sandboxed child. What the grader sends is typed; what
 * comes back is validated with zod before anything reads it, since the child runs student code.
 */
import { z } from 'zod';
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
  args: unknown[];
  /** Set for train: the harness seeds Math.random with it and records onEpoch calls. */
  seed?: number;
}
/** The work is done: the harness closes the channel and lets the process end once its output is out. */
export interface StopRequest {
  kind: 'stop';
}
export type GraderMessage = LoadRequest | CallRequest | StopRequest;
/** A message before the child session numbers it. */
export type GraderRequest = Omit<LoadRequest, 'id'> | Omit<CallRequest, 'id'>;

export const PlainErrorSchema = z.object({
  name: z.string().max(200),
  message: z.string().max(5000),
  stack: z.string().max(10_000).optional(),
  code: z.enum(HARNESS_ERROR_CODES).optional(),
});
export type PlainError = z.infer<typeof PlainErrorSchema>;

const EpochsSchema = z.array(z.tuple([z.number(), z.number()])).max(10_000).default([]);

export const ChildMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('loaded'), id: z.number(), named: z.array(z.string()), default: z.array(z.string()) }),
  z.object({ kind: z.literal('failed'), id: z.number(), error: PlainErrorSchema, epochs: EpochsSchema }),
  z.object({ kind: z.literal('result'), id: z.number(), value: z.unknown(), epochs: EpochsSchema }),
]);
export type ChildMessage = z.input<typeof ChildMessageSchema>;
export type ParsedChildMessage = z.infer<typeof ChildMessageSchema>;
