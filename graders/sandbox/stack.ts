/** Maps positions in the bundle back to the student's own files, for messages like "(index.ts:12:9)". */
import { SourceMapConsumer } from 'source-map-js';

export interface SourceLocator {
  /** The student's first frame in a stack, as "file.ts:line:col", if any. */
  firstFrame(stack: string | undefined): string | undefined;
}

export function sourceLocator(sourceMap: string): SourceLocator {
  let consumer: SourceMapConsumer | undefined;
  return {
    firstFrame(stack) {
      const match = stack?.match(/submission\.js:(\d+):(\d+)/);
      if (!match) return undefined;
      try {
        consumer ??= new SourceMapConsumer(JSON.parse(sourceMap));
        const pos = consumer.originalPositionFor({ line: Number(match[1]), column: Number(match[2]) - 1 });
        if (!pos.source) return undefined;
        return `${pos.source.replace(/^(\.\.?\/)+/, '')}:${pos.line}:${pos.column + 1}`;
      } catch {
        return undefined;
      }
    },
  };
}
