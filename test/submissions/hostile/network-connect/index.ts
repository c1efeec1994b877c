// Connects to a server on the grading machine. The test copies this folder and puts the port of
// a server it opened in place of __PORT__.
const PORT = Number('__PORT__');

export async function linearForward(): Promise<unknown> {
  const name = 'node:' + 'net';
  const net = await import(name);
  return new Promise((resolve, reject) => {
    const socket = net.connect(PORT, '127.0.0.1', () => {
      socket.end('escaped');
      resolve('connected');
    });
    socket.on('error', reject);
  });
}

const no = (): never => {
  throw new Error('not implemented');
};
export { no as linearBackward, no as svmLoss, no as train };
