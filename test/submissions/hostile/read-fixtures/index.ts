// Reads the grader's fixtures and the reference through absolute paths at run time.
// The test copies this folder and puts the grader's real folder in place of __ROOT__.
const ROOT = '__ROOT__';
const FILES = ['fixtures/hidden/forward.json', 'fixtures/public/forward.json', 'reference/index.ts'];

export async function linearForward(): Promise<unknown> {
  const name = 'node:' + 'fs';
  const fs = await import(name);
  let refused: unknown;
  for (const file of FILES) {
    let text: string;
    try {
      text = fs.readFileSync(`${ROOT}/${file}`, 'utf8');
    } catch (error) {
      refused ??= error;
      continue;
    }
    throw new Error(`LEAKED ${file}: ${text.slice(0, 40)}`);
  }
  try {
    const url = `file://${ROOT}/fixtures/public/forward.json`;
    const leaked = await import(url, { with: { type: 'json' } });
    throw new Error(`LEAKED through import: ${String(leaked).slice(0, 40)}`);
  } catch (error) {
    if (String(error).includes('LEAKED')) throw error;
  }
  throw refused;
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
