// A correct solution (solution.ts: the test copies the reference there) that replaces built-ins the harness
// could rely on, once it has loaded: grading must score it as if it had not.
export * from './solution.ts';

const g = globalThis as Record<string, unknown>;
Array.prototype.map = function () {
  return [];
} as never;
JSON.stringify = () => '{"kind":"result","id":1,"value":"forged"}';
g.structuredClone = () => 'forged';
g.Promise = class {
  then(): void {}
};
Object.defineProperty = (() => {
  throw new Error('defineProperty replaced');
}) as never;
Array.isArray = () => false;
g.Number = () => 0;
