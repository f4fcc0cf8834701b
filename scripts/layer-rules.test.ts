/**
 * The layer rules are a check only while they fire: until this test, the node_modules
 * exclusion silently switched off every rule about packages (Electron outside the shell
 * included). Each probe below breaks one rule in a throwaway file; dependency-cruiser
 * must name that rule for it.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const written: string[] = [];

function cruise(files: string[]): string {
  try {
    return execFileSync(path.join(root, 'node_modules/.bin/depcruise'), [...files, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: root,
      encoding: 'utf8',
    });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

function probe(relative: string, source: string): string {
  const file = path.join(root, relative);
  writeFileSync(file, source);
  written.push(file);
  return relative;
}

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('layer rules', () => {
  const tag = randomBytes(4).toString('hex');
  const cases: Array<[rule: string, file: string, source: string]> = [
    ['shared-no-node-builtins', `shared/probe-${tag}.ts`, "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    ['shared-packages-allow-list', `shared/probe-${tag}-pkg.ts`, "import ELK from 'elkjs/lib/elk.bundled.js';\nexport const probe = ELK;\n"],
    ['renderer-no-node-builtins', `renderer/probe-${tag}.ts`, "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    [
      'renderer-not-into-main',
      `renderer/probe-${tag}-main.ts`,
      "import { describeFileError } from '../node/file-errors';\nexport const probe = describeFileError;\n",
    ],
    ['shells-not-into-renderer', `cli/probe-${tag}.ts`, "import { TIERS } from '../renderer/canvas/derive';\nexport const probe = TIERS;\n"],
    ['no-runtime-electron-outside-shell', `cli/probe-${tag}-electron.ts`, "import { app } from 'electron';\nexport const probe = app;\n"],
    ['node-below-the-shells', `node/probe-${tag}.ts`, "import { runCli } from '../cli/run';\nexport const probe = runCli;\n"],
    ['no-circular', `cli/probe-${tag}-a.ts`, `import { b } from './probe-${tag}-b';\nexport const a = () => b;\n`],
  ];
  /** The other half of the cycle: dependency-cruiser reports a cycle once, from its first module. */
  const cycleOtherHalf: [string, string] = [`cli/probe-${tag}-b.ts`, `import { a } from './probe-${tag}-a';\nexport const b = () => a;\n`];
  /** One run over every probe (dependency-cruiser takes seconds to start); violations are listed as `rule: from → to`. */
  let output = '';
  beforeAll(() => {
    output = cruise([...cases.map(([, file, source]) => probe(file, source)), probe(...cycleOtherHalf)]);
  }, 120_000);

  for (const [rule, file] of cases) {
    it(`${rule} fires for ${file.replace(tag, '…')}`, () => {
      const line = output.split('\n').find((l) => l.includes(`${rule}:`) && l.includes(file));
      expect(line, output).toBeDefined();
    });
  }
});
