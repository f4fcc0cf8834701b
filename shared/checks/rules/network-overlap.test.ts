import { describe, expect, it } from 'vitest';
import type { Plan, PlanInput } from '../../plan/schema';
import { planWith, vpc } from '../fixture';
import { networkOverlapRule } from './network-overlap';
import { codes, run } from './rule-test-support';

const a = vpc('a', ['10.0.0.0/16'], { name: 'prod' });
const b = vpc('b', ['10.0.128.0/17'], { name: 'dev' });
const c = vpc('c', ['10.9.0.0/16']);

describe('network-overlap', () => {
  it('says nothing when blocks do not overlap', () => {
    const plan = planWith({ vpcs: [a, c], peerings: [{ id: 'p', name: 'p', requesterVpcId: 'a', accepterVpcId: 'c' }] });
    expect(run(networkOverlapRule, plan)).toEqual([]);
  });

  it('warns about overlapping VPCs that are not connected', () => {
    const [f, ...rest] = run(networkOverlapRule, planWith({ vpcs: [a, b, c] }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'overlap/unconnected-vpcs', severity: 'warning', subjects: ['a', 'b'], cidrs: ['10.0.0.0/16', '10.0.128.0/17'] });
    // The replacement is free across the plan: not 10.0/16, 10.9/16 nor overlapping the /17.
    expect(f!.fix).toContain('10.1.0.0/17');
  });

  it('errors for peered VPCs', () => {
    const plan = planWith({ vpcs: [a, b], peerings: [{ id: 'p', name: 'prod-dev', requesterVpcId: 'b', accepterVpcId: 'a' }] });
    const [f] = run(networkOverlapRule, plan);
    expect(f).toMatchObject({ code: 'overlap/peered-vpcs', severity: 'error', subjects: ['a', 'b'] });
    expect(f!.message).toContain('prod-dev');
  });

  it('errors for VPCs on the same transit gateway', () => {
    const plan = planWith({
      vpcs: [a, b],
      transitGateways: [{ id: 't', name: 'hub', attachments: [{ id: 'ta', name: 'ta', type: 'vpc', vpcId: 'a' }, { id: 'tb', name: 'tb', type: 'vpc', vpcId: 'b' }] }],
    });
    expect(run(networkOverlapRule, plan)[0]).toMatchObject({ code: 'overlap/same-transit-gateway', subjects: ['a', 'b', 't'] });
  });

  it('only informs for VPCs joined only through a Lattice service network', () => {
    const plan = planWith({ vpcs: [a, b], serviceNetworks: [{ id: 'sn', name: 'apps', vpcIds: ['a', 'b'] }] });
    const [f] = run(networkOverlapRule, plan);
    expect(f).toMatchObject({ code: 'overlap/lattice-only', severity: 'info' });
    expect(f!.message).toContain('Lattice handles overlapping');
  });

  it('errors for a VPC overlapping an on-premises network it reaches, and only then', () => {
    const dc = { id: 'dc', name: 'datacenter', kind: 'on-premises' as const, cidrs: ['10.0.64.0/18'] };
    expect(codes(networkOverlapRule, planWith({ vpcs: [a], externalNetworks: [dc] }))).toEqual([]);
    const viaTgw = planWith({
      vpcs: [a],
      externalNetworks: [dc],
      transitGateways: [{ id: 't', name: 'hub', attachments: [{ id: 'ta', name: 'ta', type: 'vpc', vpcId: 'a' }, { id: 'tv', name: 'vpn', type: 'vpn', externalNetworkId: 'dc' }] }],
    });
    expect(codes(networkOverlapRule, viaTgw)).toEqual(['overlap/reachable-external']);
    const viaVgw = planWith({ vpcs: [a], externalNetworks: [dc], vpnGateways: [{ id: 'g', name: 'vgw', vpcId: 'a', externalNetworkIds: ['dc'] }] });
    expect(run(networkOverlapRule, viaVgw)[0]!.message).toContain('its VPN gateway');
  });

  it('reports IPv6 overlap too, and ignores overlap inside one VPC', () => {
    const plan = planWith({
      vpcs: [vpc('x', ['10.0.0.0/16', '10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('y', ['10.1.0.0/16'], { ipv6Cidrs: ['2001:db8::/56'] })],
    });
    const found = run(networkOverlapRule, plan);
    expect(found.map((f) => [f.code, f.cidrs])).toEqual([['overlap/unconnected-vpcs', ['2001:db8::/56']]]);
  });
});

/**
 * Near misses: each plan comes as close to an overlap code as it can without raising it
 * (blocks that touch but share no address, overlap that is not reachable), beside its
 * twin that moves one block by the smallest step into overlap and raises exactly that code,
 * so the quiet plan is shown to be near, not merely unrelated.
 */
describe('network-overlap near misses stay quiet', () => {
  type Attachment = NonNullable<NonNullable<PlanInput['transitGateways']>[number]['attachments']>[number];
  /** A transit gateway whose attachments are VPC attachments unless they say otherwise. */
  const tgw = (id: string, attachments: Array<Partial<Attachment>>) => ({
    id, name: id, attachments: attachments.map((a, i): Attachment => ({ id: `${id}-att${i}`, name: `${id}-att${i}`, type: 'vpc', ...a })),
  });
  const peering = { id: 'p', name: 'p', requesterVpcId: 'a', accepterVpcId: 'b' };

  const cases: Array<{ code: string; quiet: () => Plan; loud: () => Plan }> = [
    {
      code: 'overlap/peered-vpcs',
      // The halves of 10.0.0.0/16 touch at 10.0.127.255 / 10.0.128.0; the IPv6 /56s are next to each other.
      quiet: () => planWith({ vpcs: [vpc('a', ['10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('b', ['10.0.128.0/17'], { ipv6Cidrs: ['2001:db8:0:100::/56'] })], peerings: [peering] }),
      loud: () => planWith({ vpcs: [vpc('a', ['10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('b', ['10.0.127.0/24'], { ipv6Cidrs: ['2001:db8:0:100::/56'] })], peerings: [peering] }),
    },
    {
      code: 'overlap/same-transit-gateway',
      quiet: () => planWith({ vpcs: [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.1.0.0/16'])], transitGateways: [tgw('t', [{ vpcId: 'a' }, { vpcId: 'b' }])] }),
      loud: () => planWith({ vpcs: [vpc('a', ['10.0.0.0/16']), vpc('b', ['10.0.255.0/24'])], transitGateways: [tgw('t', [{ vpcId: 'a' }, { vpcId: 'b' }])] }),
    },
    {
      code: 'overlap/reachable-external',
      // Next to the VPC and reached over the same transit gateway; and overlapping, but reached over another transit gateway only.
      quiet: () => planWith({
        vpcs: [vpc('a', ['10.0.0.0/16'])],
        externalNetworks: [{ id: 'dc', name: 'dc', kind: 'on-premises', cidrs: ['10.1.0.0/16'] }, { id: 'dr', name: 'dr', kind: 'on-premises', cidrs: ['10.0.64.0/18'] }],
        transitGateways: [tgw('t', [{ vpcId: 'a' }, { type: 'vpn', externalNetworkId: 'dc' }]), tgw('u', [{ type: 'direct-connect', externalNetworkId: 'dr' }])],
      }),
      loud: () => planWith({
        vpcs: [vpc('a', ['10.0.0.0/16'])],
        externalNetworks: [{ id: 'dc', name: 'dc', kind: 'on-premises', cidrs: ['10.0.255.255/32'] }, { id: 'dr', name: 'dr', kind: 'on-premises', cidrs: ['10.0.64.0/18'] }],
        transitGateways: [tgw('t', [{ vpcId: 'a' }, { type: 'vpn', externalNetworkId: 'dc' }]), tgw('u', [{ type: 'direct-connect', externalNetworkId: 'dr' }])],
      }),
    },
    {
      code: 'overlap/lattice-only',
      quiet: () => planWith({ vpcs: [vpc('a', ['10.0.0.0/17']), vpc('b', ['10.0.128.0/17'])], serviceNetworks: [{ id: 'sn', name: 'apps', vpcIds: ['a', 'b'] }] }),
      loud: () => planWith({ vpcs: [vpc('a', ['10.0.0.0/17']), vpc('b', ['10.0.127.240/28'])], serviceNetworks: [{ id: 'sn', name: 'apps', vpcIds: ['a', 'b'] }] }),
    },
    {
      code: 'overlap/unconnected-vpcs',
      // Touching blocks, IPv4 and IPv6; and two external networks that overlap each other (not a VPC's business).
      quiet: () => planWith({
        vpcs: [vpc('a', ['10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('b', ['10.0.128.0/17'], { ipv6Cidrs: ['2001:db8:0:100::/56'] })],
        externalNetworks: [{ id: 'x', name: 'x', kind: 'on-premises', cidrs: ['192.168.0.0/16'] }, { id: 'y', name: 'y', kind: 'other-cloud', cidrs: ['192.168.1.0/24'] }],
      }),
      loud: () => planWith({
        vpcs: [vpc('a', ['10.0.0.0/17'], { ipv6Cidrs: ['2001:db8::/56'] }), vpc('b', ['10.0.128.0/17'], { ipv6Cidrs: ['2001:db8:0:ff::/64'] })],
        externalNetworks: [{ id: 'x', name: 'x', kind: 'on-premises', cidrs: ['192.168.0.0/16'] }, { id: 'y', name: 'y', kind: 'other-cloud', cidrs: ['192.168.1.0/24'] }],
      }),
    },
  ];

  it.each(cases)('$code: quiet when the blocks only touch, raised one step further', ({ code, quiet, loud }) => {
    expect(run(networkOverlapRule, quiet())).toEqual([]);
    expect(codes(networkOverlapRule, loud())).toEqual([code]);
  });
});
