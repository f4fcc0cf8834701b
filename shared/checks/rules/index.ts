/** The engine's own rules; the routing rules, which read the routing model, are in ./routing. */
import type { Rule } from '../types';
import { cidrSyntaxRule } from './cidr-syntax';
import { latticeRule } from './lattice';
import { natCapacityRule } from './nat-capacity';
import { networkOverlapRule } from './network-overlap';
import { peeringsRule } from './peerings';
import { referencesRule } from './references';
import { sizingRule } from './sizing';
import { subnetsRule } from './subnets';
import { transitGatewayAttachmentsRule } from './transit-gateway-attachments';
import { vpcBlocksRule } from './vpc-blocks';

export const engineRules: readonly Rule[] = [
  cidrSyntaxRule,
  vpcBlocksRule,
  subnetsRule,
  networkOverlapRule,
  latticeRule,
  sizingRule,
  natCapacityRule,
  referencesRule,
  peeringsRule,
  transitGatewayAttachmentsRule,
];
