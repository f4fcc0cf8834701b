import { describe, expect, it } from 'vitest';
import { planWith, vpc } from '../fixture';
import { codes, run } from './rule-test-support';
import { vpcBlocksRule } from './vpc-blocks';

const one = (ipv4: string[], extra: Record<string, unknown> = {}, settings?: Record<string, unknown>) =>
  planWith({ vpcs: [vpc('v', ipv4, extra)], ...(settings ? { settings } : {}) });

describe('vpc-blocks', () => {
  it('accepts an ordinary VPC', () => {
    expect(run(vpcBlocksRule, one(['10.0.0.0/16', '10.1.0.0/16'], { ipv6Cidrs: ['2001:db8::/56'] }))).toEqual([]);
  });

  it('requires an IPv4 block', () => {
    expect(codes(vpcBlocksRule, one([], { ipv6Cidrs: ['2001:db8::/56'] }))).toEqual(['vpc/no-ipv4-block']);
  });

  it('checks the /16../28 size', () => {
    const [f] = run(vpcBlocksRule, one(['10.0.0.0/8']));
    expect(f).toMatchObject({ code: 'vpc/block-size', field: 'ipv4Cidrs[0]' });
    expect(f!.fix).toContain('10.0.0.0/16');
    expect(codes(vpcBlocksRule, one(['10.0.0.0/29']))).toEqual(['vpc/block-size']);
    expect(codes(vpcBlocksRule, one(['10.0.0.0/28']))).toEqual([]);
  });

  it('refuses the ranges AWS never allows', () => {
    for (const block of ['127.0.0.0/16', '169.254.0.0/16', '224.0.0.0/16', '0.0.0.0/16']) {
      expect(codes(vpcBlocksRule, one([block]))).toContain('vpc/reserved-range');
    }
  });

  it('warns about the Docker bridge range', () => {
    expect(codes(vpcBlocksRule, one(['172.17.0.0/16']))).toEqual(['vpc/docker-bridge-overlap']);
    expect(codes(vpcBlocksRule, one(['172.18.0.0/16']))).toEqual([]);
  });

  it('applies the restricted-association table in association order', () => {
    const [f] = run(vpcBlocksRule, one(['10.0.0.0/16', '192.168.0.0/16']));
    expect(f).toMatchObject({ code: 'vpc/restricted-association', field: 'ipv4Cidrs[1]' });
    expect(f!.message).toContain('10.0.0.0/8');
    // The suggestion comes from the primary's range, skips 10.0.0.0/16 (refused next to 10.0.0.0/15) and the VPC's own block.
    expect(f!.fix).toContain('10.1.0.0/16');
    // Public primary then RFC 1918 secondary: refused; RFC 1918 primary then public secondary: allowed.
    expect(codes(vpcBlocksRule, one(['100.64.0.0/16', '10.0.0.0/16']))).toEqual(['vpc/restricted-association']);
    expect(codes(vpcBlocksRule, one(['10.0.0.0/16', '100.64.0.0/16']))).toEqual([]);
    expect(codes(vpcBlocksRule, one(['172.16.0.0/16', '172.31.0.0/16']))).toEqual(['vpc/restricted-association']);
    expect(codes(vpcBlocksRule, one(['10.1.0.0/16', '10.0.5.0/24']))).toEqual(['vpc/restricted-association']);
    expect(codes(vpcBlocksRule, one(['10.2.0.0/16', '10.0.5.0/24']))).toEqual([]);
  });

  it('warns above the adjustable block quotas', () => {
    const six = ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16', '10.5.0.0/16'];
    expect(codes(vpcBlocksRule, one(six))).toEqual(['vpc/ipv4-block-quota']);
    expect(codes(vpcBlocksRule, one(six, {}, { quotas: { ipv4BlocksPerVpc: 6 } }))).toEqual([]);
    const v6 = ['2001:db8::/56', '2001:db8:0:100::/56'];
    expect(codes(vpcBlocksRule, one(['10.0.0.0/16'], { ipv6Cidrs: v6 }, { quotas: { ipv6BlocksPerVpc: 1 } }))).toEqual(['vpc/ipv6-block-quota']);
  });

  it('reports overlap between the VPC’s own blocks', () => {
    const [f] = run(vpcBlocksRule, one(['10.0.0.0/16', '10.0.128.0/17']));
    expect(f).toMatchObject({ code: 'vpc/blocks-overlap', field: 'ipv4Cidrs[1]', cidrs: ['10.0.0.0/16', '10.0.128.0/17'] });
  });

  it('checks IPv6 block sizes by source', () => {
    expect(codes(vpcBlocksRule, one(['10.0.0.0/16'], { ipv6Cidrs: ['2001:db8::/48'] }))).toEqual(['vpc/ipv6-block-size']);
    expect(codes(vpcBlocksRule, one(['10.0.0.0/16'], { ipv6Cidrs: ['2001:db8::/48'], ipv6Source: 'ipam' }))).toEqual([]);
    expect(codes(vpcBlocksRule, one(['10.0.0.0/16'], { ipv6Cidrs: ['2001:db8::/50'], ipv6Source: 'byoip' }))).toEqual(['vpc/ipv6-block-size']);
    expect(codes(vpcBlocksRule, one(['10.0.0.0/16'], { ipv6Cidrs: ['2001:db8::/64'], ipv6Source: 'ipam' }))).toEqual(['vpc/ipv6-block-size']);
  });

  it('stays quiet right next to the ranges AWS never allows', () => {
    // Each touches a never-usable range (0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4) without sharing an address.
    for (const block of ['1.0.0.0/16', '126.255.0.0/16', '128.0.0.0/16', '169.253.0.0/16', '169.255.0.0/16', '223.255.0.0/16', '126.255.255.240/28']) {
      expect(codes(vpcBlocksRule, one([block])), block).toEqual([]);
    }
    // One step further is refused, in the secondary blocks too.
    expect(codes(vpcBlocksRule, one(['126.255.255.240/28', '127.0.0.0/28']))).toEqual(['vpc/reserved-range']);
  });

  it('stays quiet for blocks of one VPC that touch but do not overlap', () => {
    // 10.2.x, not 10.0.x: next to a block in 10.0.0.0/15, anything in 10.0.0.0/16 is a restricted association.
    expect(run(vpcBlocksRule, one(['10.2.0.0/17', '10.2.128.0/17'], { ipv6Cidrs: ['2001:db8::/56', '2001:db8:0:100::/56'] }))).toEqual([]);
    expect(codes(vpcBlocksRule, one(['10.2.0.0/17', '10.2.127.240/28']))).toEqual(['vpc/blocks-overlap']);
    expect(codes(vpcBlocksRule, one(['10.2.0.0/17'], { ipv6Cidrs: ['2001:db8::/56', '2001:db8::/56'] }))).toEqual(['vpc/blocks-overlap']);
  });
});
