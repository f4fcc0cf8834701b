/**
 * Property tests of proposeVpc against an exhaustive search. Small cases (hosts <= 60,
 * 1-3 AZs, 1-3 tiers, all inside 10.0.0.0/22) let the reference try every VPC block and
 * every aligned placement of every subnet, with no packing argument of its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressCount, cidr, contains, overlaps, prefixForHosts, type Cidr } from '../cidr';
import { proposeVpc, type SizingRequest } from './index';

const WITHIN = cidr('10.0.0.0/22');

/** Can blocks of these sizes all be placed, aligned and disjoint, in a block of `space` addresses? Tries every spot. */
function packs(sizes: readonly number[], space: number): boolean {
  const sorted = [...sizes].sort((a, b) => b - a);
  const used: Array<[number, number]> = [];
  const place = (i: number, from: number): boolean => {
    if (i === sorted.length) return true;
    const size = sorted[i]!;
    // Equal blocks are interchangeable: give them rising positions so each set of spots is tried once.
    const start = i > 0 && sorted[i - 1] === size ? from : 0;
    for (let at = start; at + size <= space; at += size) {
      if (used.some(([s, e]) => at < e && s < at + size)) continue;
      used.push([at, at + size]);
      if (place(i + 1, at + size)) return true;
      used.pop();
    }
    return false;
  };
  return place(0, 0);
}

/** The smallest, then lowest, VPC block in WITHIN that avoids `avoid` and holds every subnet and spare. */
function bruteForce(request: SizingRequest): Cidr | undefined {
  const azs = request.azs as number;
  const sizes: number[] = [];
  for (const tier of request.tiers) {
    const needed = Math.ceil((tier.hostsPerSubnet * (100 + request.growthPercent)) / 100 - 1e-9);
    // Reserved addresses: usable = size - 5 must reach `needed`; at least a /28.
    let size = 16;
    while (size - 5 < needed) size *= 2;
    for (let a = 0; a < azs; a++) sizes.push(size);
  }
  const largest = Math.max(...sizes);
  for (let a = 0; a < azs * (request.spare ?? 1); a++) sizes.push(largest);
  const avoid = request.avoid.map((given) => (typeof given === 'string' ? cidr(given) : given));
  for (let prefix = 28; prefix >= 16; prefix--) {
    const space = 2 ** (32 - prefix);
    if (!packs(sizes, space)) continue;
    if (prefix < WITHIN.prefix) return undefined;
    for (let network = WITHIN.network; network < WITHIN.network + addressCount(WITHIN); network += BigInt(space)) {
      const block: Cidr = { version: 4, network, prefix };
      if (!avoid.some((a) => overlaps(a, block))) return block;
    }
    return undefined;
  }
  return undefined;
}

const avoidBlock = fc.record({ offset: fc.integer({ min: 0, max: 63 }), prefix: fc.integer({ min: 23, max: 28 }) }).map(({ offset, prefix }) => {
  const size = 2 ** (32 - prefix);
  const network = WITHIN.network + BigInt(Math.floor((offset * 16) / size) * size);
  return `10.0.${Number(network >> 8n) & 255}.${Number(network & 255n)}/${prefix}`;
});

const request: fc.Arbitrary<SizingRequest> = fc.record({
  region: fc.constant('us-east-1'),
  azs: fc.integer({ min: 1, max: 3 }),
  tiers: fc
    .array(fc.record({ tier: fc.constantFrom('public' as const, 'private' as const, 'isolated' as const), hostsPerSubnet: fc.integer({ min: 0, max: 60 }) }), {
      minLength: 1,
      maxLength: 3,
    })
    .map((tiers) => tiers.map((t, i) => ({ ...t, name: `tier${i}` }))),
  growthPercent: fc.integer({ min: 0, max: 100 }),
  ipv6: fc.boolean(),
  avoid: fc.array(avoidBlock, { maxLength: 4 }),
  within: fc.constant('10.0.0.0/22'),
  spare: fc.integer({ min: 0, max: 2 }),
});

describe('proposeVpc, properties', () => {
  it('matches the exhaustive search: same smallest, lowest block, or no room at all', () => {
    fc.assert(
      fc.property(request, (req) => {
        const result = proposeVpc(req);
        const expected = bruteForce(req);
        if (expected === undefined) {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok && result.vpcCidr).toBe(`10.0.${Number(expected.network >> 8n) & 255}.${Number(expected.network & 255n)}/${expected.prefix}`);
      }),
      { numRuns: 400 },
    );
  });

  it('lays out subnets inside the VPC, aligned, disjoint, clear of avoided ranges, each big enough', () => {
    fc.assert(
      fc.property(request, (req) => {
        const result = proposeVpc(req);
        if (!result.ok) return;
        const vpc = cidr(result.vpcCidr);
        const blocks = result.subnets.map((s) => cidr(s.cidr));
        expect(blocks).toHaveLength(req.tiers.length * (req.azs as number));
        for (const avoided of req.avoid) expect(overlaps(vpc, typeof avoided === 'string' ? cidr(avoided) : avoided)).toBe(false);
        blocks.forEach((block, i) => {
          expect(contains(vpc, block)).toBe(true);
          // cidr() would throw on host bits, so parsing proves alignment; check it outright too.
          expect(block.network % addressCount(block)).toBe(0n);
          for (let j = i + 1; j < blocks.length; j++) expect(overlaps(block, blocks[j]!)).toBe(false);
          const subnet = result.subnets[i]!;
          const needed = Math.ceil((subnet.hostsNeeded * (100 + req.growthPercent)) / 100 - 1e-9);
          expect(Number(addressCount(block)) - 5).toBeGreaterThanOrEqual(needed);
          expect(subnet.capacity).toBe(Number(addressCount(block)) - 5);
          // Smallest: one prefix bit longer would not hold the hosts (unless already at AWS's /28).
          expect(block.prefix === 28 || block.prefix === prefixForHosts(4, needed, 'aws')).toBe(true);
        });
        // The free list plus the subnets cover the VPC exactly.
        const free = result.free.map((text) => cidr(text));
        const covered = [...blocks, ...free].reduce((sum, b) => sum + addressCount(b), 0n);
        expect(covered).toBe(addressCount(vpc));
        for (const f of free) for (const b of blocks) expect(overlaps(f, b)).toBe(false);
        // The promised spare subnets really fit in what is left.
        const spareSize = 2 ** (32 - result.spare.prefix);
        const spareFits = free.reduce((n, f) => n + (f.prefix <= result.spare.prefix ? Number(addressCount(f)) / spareSize : 0), 0);
        expect(spareFits).toBeGreaterThanOrEqual(result.spare.perAz * (req.azs as number));
      }),
      { numRuns: 400 },
    );
  });

  it('never overlaps avoided ranges or what AWS forbids, anywhere in the private ranges', () => {
    const anyAvoid = fc.array(
      fc.constantFrom('10.0.0.0/8', '10.0.0.0/9', '10.128.0.0/10', '172.16.0.0/13', '172.24.0.0/14', '192.168.0.0/17', '10.0.0.0/16', '10.1.0.0/16'),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(anyAvoid, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 20_000 }), (avoid, azs, hosts) => {
        const result = proposeVpc({
          region: 'us-west-2',
          azs,
          tiers: [{ name: 'app', tier: 'private', hostsPerSubnet: hosts }],
          growthPercent: 0,
          ipv6: false,
          avoid,
          spare: 0,
        });
        if (!result.ok) return;
        const vpc = cidr(result.vpcCidr);
        for (const a of avoid) expect(overlaps(vpc, cidr(a))).toBe(false);
        expect(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].some((r) => contains(cidr(r), vpc))).toBe(true);
        expect(vpc.prefix).toBeGreaterThanOrEqual(16);
      }),
      { numRuns: 300 },
    );
  });
});
