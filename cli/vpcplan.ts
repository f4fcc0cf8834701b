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

const output = await runCli(process.argv.slice(2), { readFile: (path) => readFile(path, 'utf8'), readStdin }, typeof VPCPLAN_VERSION === 'string' ? VPCPLAN_VERSION : 'dev');
if (output.stdout) process.stdout.write(output.stdout);
if (output.stderr) process.stderr.write(output.stderr);
process.exitCode = output.code;
