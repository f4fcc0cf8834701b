import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = (name: string) => `${root}examples/${name}.vpcplan.json`;

/** Runs the CLI in-process; the streamed part of stdout is joined onto the rest, as the terminal would show it. */
async function cli(args: string[], stdin = '') {
  const out = await runCli(args, { readFile: (path) => readFile(path, 'utf8'), readStdin: async () => stdin });
  return { ...out, stdout: out.stdout + [...(out.more ?? [])].join('') };
}

async function json(args: string[], stdin = '') {
  const out = await cli(args, stdin);
  return { ...out, value: JSON.parse(out.stdout) as unknown };
}

describe('vpcplan cidr explain', () => {
  it('explains each input in order, sizes as decimal strings', async () => {
    const out = await json(['cidr', 'explain', '10.0.0.0/16', '2001:db8::/64', '--json']);
    expect(out.code).toBe(0);
    expect(out.value).toEqual([
      { cidr: '10.0.0.0/16', version: 4, prefix: 16, first: '10.0.0.0', last: '10.0.255.255', size: '65536', usable: '65531' },
      {
        cidr: '2001:db8::/64',
        version: 6,
        prefix: 64,
        first: '2001:db8::',
        last: '2001:db8::ffff:ffff:ffff:ffff',
        size: '18446744073709551616',
        usable: '18446744073709551611',
      },
    ]);
  });

  it('uses the cloud’s reserved count', async () => {
    const gcp = await json(['cidr', 'explain', '10.0.0.0/29', '--cloud', 'gcp', '--json']);
    expect((gcp.value as Array<{ usable: string }>)[0]?.usable).toBe('4');
    const azure = await json(['cidr', 'explain', '10.0.0.0/29', '--cloud=azure', '--json']);
    expect((azure.value as Array<{ usable: string }>)[0]?.usable).toBe('3');
  });

  it('reports an invalid input in place and exits 2', async () => {
    const out = await json(['cidr', 'explain', '10.0.0.0/24', '10.0.0.1/16', '--json']);
    expect(out.code).toBe(2);
    const entries = out.value as Array<Record<string, string>>;
    expect(entries[0]?.cidr).toBe('10.0.0.0/24');
    expect(entries[1]?.input).toBe('10.0.0.1/16');
    expect(entries[1]?.error).toMatch(/host bits set; did you mean 10\.0\.0\.0\/16/);
  });

  it('reads values one per line from stdin with -', async () => {
    const out = await json(['cidr', 'explain', '-', '--json'], '10.0.0.0/8\n\n192.168.0.0/24\n');
    expect((out.value as Array<{ cidr: string }>).map((e) => e.cidr)).toEqual(['10.0.0.0/8', '192.168.0.0/24']);
  });

  it('prints a readable explanation by default', async () => {
    const out = await cli(['cidr', 'explain', '10.0.0.0/28']);
    expect(out.stdout).toMatch(/usable\s+11 in an AWS subnet \(reserved: 10\.0\.0\.0 network, 10\.0\.0\.1 router/);
  });
});

describe('vpcplan cidr overlaps, divide, free', () => {
  it('lists overlapping pairs by input index; with --json, equal blocks as a group and the nested pairs apart', async () => {
    const inputs = ['10.0.0.0/16', '10.1.0.0/16', '10.0.128.0/17', '10.0.0.0/16'];
    const out = await json(['cidr', 'overlaps', ...inputs, '--json']);
    expect(out.value).toEqual({
      count: 3,
      identical: [{ cidr: '10.0.0.0/16', inputs: [0, 3] }],
      pairs: [
        [0, 2],
        [2, 3],
      ],
    });
    const text = await cli(['cidr', 'overlaps', ...inputs]);
    expect(text.stdout).toBe(
      '#0 10.0.0.0/16 overlaps #2 10.0.128.0/17\n#0 10.0.0.0/16 overlaps #3 10.0.0.0/16\n#2 10.0.128.0/17 overlaps #3 10.0.0.0/16\n3 overlapping pairs.\n',
    );
  });

  it('counts without listing, and stops listing at --limit', async () => {
    const many = Array.from({ length: 20_000 }, () => '10.0.0.0/8').join('\n');
    const count = await cli(['cidr', 'overlaps', '-', '--count'], many);
    expect(count.stdout).toBe('199,990,000 overlapping pairs among 20,000 blocks (199,990,000 between equal blocks).\n');
    expect((await json(['cidr', 'overlaps', '-', '--count', '--json'], many)).value).toEqual({ count: 199_990_000, identical: 199_990_000 });
    const limited = await cli(['cidr', 'overlaps', '-', '--limit', '3'], `${many}\n10.1.0.0/16`);
    expect(limited.stdout).toBe(
      '#0 10.0.0.0/8 overlaps #1 10.0.0.0/8\n#0 10.0.0.0/8 overlaps #2 10.0.0.0/8\n#0 10.0.0.0/8 overlaps #3 10.0.0.0/8\n' +
        '200,010,000 overlapping pairs; the first 3 are shown (--count gives the count alone).\n',
    );
    const grouped = await json(['cidr', 'overlaps', '-', '--json', '--limit', '2'], `${many}\n10.1.0.0/16\n10.1.2.0/24`);
    const value = grouped.value as { identical: Array<{ inputs: number[] }>; pairs: number[][]; limited?: boolean };
    expect(value.identical.map((g) => g.inputs.length)).toEqual([20_000]);
    expect(value.pairs).toEqual([
      [0, 20_000],
      [0, 20_001],
    ]);
    expect(value.limited).toBe(true);
  });

  it('refuses a bad --limit, and --limit with --count', async () => {
    for (const args of [['--limit', 'ten'], ['--limit=-1'], ['--limit', '5', '--count']]) {
      const out = await cli(['cidr', 'overlaps', '10.0.0.0/8', '10.0.0.0/16', ...args]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(/^vpcplan: --(limit|count)/);
    }
  });

  it('divides a block in order', async () => {
    const out = await json(['cidr', 'divide', '10.0.0.0/24', '--prefix', '26', '--json']);
    expect(out.value).toEqual(['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26', '10.0.0.192/26']);
  });

  it('refuses a division that would print millions of lines', async () => {
    const out = await cli(['cidr', 'divide', '10.0.0.0/8', '--prefix', '32', '--json']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/16,777,216 blocks; the limit is 65,536/);
  });

  it('gives the minimal free set, ascending', async () => {
    const out = await json(['cidr', 'free', '10.0.0.0/24', '10.0.0.64/26', '10.0.0.0/27', '--json']);
    expect(out.value).toEqual(['10.0.0.32/27', '10.0.0.128/25']);
  });

  it('exits 2 on bad input or usage, with the reason', async () => {
    for (const args of [
      ['cidr', 'divide', '10.0.0.0/24'],
      ['cidr', 'overlaps', '10.0.0.0/8'],
      ['cidr', 'free', '10.0.0.0/33'],
      ['cidr', 'wat'],
      ['frobnicate'],
      ['cidr', 'explain', '--bogus'],
    ]) {
      const out = await cli(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toMatch(/^vpcplan: /);
    }
  });
});

describe('vpcplan check and reach', () => {
  it('checks the examples: the hub-and-spoke NAT is close to exhaustion', async () => {
    const out = await json(['check', example('hub-and-spoke'), '--json']);
    expect(out.code).toBe(0);
    const findings = out.value as Array<{ code: string; severity: string; subjects: string[] }>;
    expect(findings.some((f) => f.severity === 'warning' && f.subjects.includes('nat-egress-a'))).toBe(true);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('exits 1 when a plan has an error-level finding', async () => {
    const plan = JSON.parse(await readFile(example('three-tier'), 'utf8'));
    plan.subnets[1].ipv4Cidr = plan.subnets[0].ipv4Cidr;
    const out = await cli(['check', '-'], JSON.stringify(plan));
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/ERROR/);
  });

  it('rejects a malformed plan file with where and what', async () => {
    const out = await cli(['check', '-'], '{"format": "vpcplan", "version": 1, "vpcs": [}');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/line 1, column \d+/);
    const missing = await cli(['check', `${root}no-such-plan.json`]);
    expect(missing.stderr).toMatch(/cannot read .*no such file/);
  });

  it('shows a path through the transit gateway, and why dev cannot reach prod', async () => {
    const ok = await cli(['reach', example('hub-and-spoke'), 'prod-app-a', 'shared-services-a']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/tgw-hub/);
    const blocked = await json(['reach', example('hub-and-spoke'), 'dev-app-a', 'prod-app-a', '--json']);
    expect(blocked.code).toBe(1);
    expect(blocked.value).toMatchObject({ reachable: false, code: 'blackhole' });
  });

  it('says peering is not transitive', async () => {
    const out = await json(['reach', example('hub-and-spoke'), 'legacy-erp-a', 'prod-app-a', '--json']);
    expect(out.code).toBe(1);
    expect((out.value as { reachable: boolean }).reachable).toBe(false);
  });

  it('names an unknown subnet and suggests close ones', async () => {
    const out = await cli(['reach', example('hub-and-spoke'), 'prod-app', 'dev-app-a']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/no subnet "prod-app".*did you mean prod-app-a/);
  });
});

describe('the built bin', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [`${root}scripts/build-cli.mjs`]);
  }, 60_000);

  it('runs as a program with exit codes and stdin', () => {
    const ok = spawnSync(process.execPath, [`${root}dist/cli/vpcplan.js`, 'cidr', 'overlaps', '-', '--json'], {
      input: '10.0.0.0/8\n10.1.0.0/16\n',
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ count: 1, identical: [], pairs: [[0, 1]] });
    const bad = spawnSync(process.execPath, [`${root}dist/cli/vpcplan.js`, 'cidr', 'explain', 'nonsense', '--json'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });

  it('streams the pairs of 20,000 equal blocks into a pipe that closes early, without running out of memory', () => {
    // `yes 10.0.0.0/8 | head -20000 | vpcplan cidr overlaps - | head -3`: 200 million pairs, three read.
    const run = spawnSync('sh', ['-c', `yes 10.0.0.0/8 | head -20000 | "${process.execPath}" "${root}dist/cli/vpcplan.js" cidr overlaps - | head -3`], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stdout).toBe('#0 10.0.0.0/8 overlaps #1 10.0.0.0/8\n#0 10.0.0.0/8 overlaps #2 10.0.0.0/8\n#0 10.0.0.0/8 overlaps #3 10.0.0.0/8\n');
    expect(run.stderr).toBe('');
  });
});

describe('vpcplan size and import through the dispatcher', () => {
  it('sizes a VPC from the command line', async () => {
    const out = await json(['size', '--azs', '3', '--tier', 'public:50', '--tier', 'private:1000', '--growth', '50', '--avoid', '10.0.0.0/16', '--json']);
    expect(out.code).toBe(0);
    const proposal = out.value as { vpcCidr: string; subnets: unknown[] };
    expect(proposal.subnets).toHaveLength(6);
    expect(proposal.vpcCidr.startsWith('10.0.')).toBe(false);
  });

  it('refuses options that belong to another command', async () => {
    const out = await cli(['cidr', 'explain', '10.0.0.0/8', '--azs', '3']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--azs does not go with `cidr explain`; it is an option of `size`/);
  });

  it('imports AWS CLI output given as files', async () => {
    const fixtures = `${root}shared/import/fixtures/aws-cli/ec2/`;
    const out = await json(['import', '--from', 'aws-cli', `${fixtures}describe-vpcs-1.json`]);
    expect(out.code).toBe(0);
    expect((out.value as { vpcs: unknown[] }).vpcs).toHaveLength(2);
  });
});

describe('vpcplan export and diff through the dispatcher', () => {
  it('prints Terraform for a plan', async () => {
    const out = await cli(['export', example('three-tier'), '--format', 'terraform']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/resource "aws_vpc" /);
  });

  it('names the formats when --format is wrong', async () => {
    const out = await cli(['export', example('three-tier'), '--format', 'docx']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--format docx is not one of terraform, .*pdf, png/);
  });

  it('asks for -o for the binary formats', async () => {
    const out = await cli(['export', example('three-tier'), '--format', 'pdf']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--format pdf is binary and needs -o <file>/);
  });

  it('diffs two plans: 0 when the same, 1 when they differ', async () => {
    expect((await cli(['diff', example('three-tier'), example('three-tier')])).code).toBe(0);
    const changed = await cli(['diff', example('three-tier'), example('hub-and-spoke')]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/prod-app/);
  });
});
