/** Entry point of the `vpcplan` bin (bundled to dist/cli/vpcplan.js by scripts/build-cli.mjs). */
import { readFile } from 'node:fs/promises';
import { runCli } from './run';

declare const VPCPLAN_VERSION: string;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('standard input is a terminal; pipe the values in, e.g. `cat cidrs.txt | vpcplan cidr explain -`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes the streamed part chunk by chunk, waiting whenever the pipe is full; stops when the reader has gone (`| head`). */
async function writeMore(chunks: Iterable<string>): Promise<void> {
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else throw error;
  });
  // A full pipe says so by returning false; go on at 'drain', or stop at the error that closed it.
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        process.stdout.off('drain', done);
        process.stdout.off('error', done);
        resolve();
      };
      process.stdout.on('drain', done);
      process.stdout.on('error', done);
    });
  for (const chunk of chunks) {
    if (closed) return;
    if (!process.stdout.write(chunk)) await drained();
  }
}

const output = await runCli(
  process.argv.slice(2),
  { readFile: (path) => readFile(path, 'utf8'), readStdin },
  typeof VPCPLAN_VERSION === 'string' ? VPCPLAN_VERSION : 'dev',
);
if (output.stdout) process.stdout.write(output.stdout);
if (output.more) await writeMore(output.more);
if (output.stderr) process.stderr.write(output.stderr);
process.exitCode = output.code;
