/**
 * The routing rules, registered with the other checks by shared/checks. Each rule module
 * declares its finding codes with the NETWORK-RULES.md section they come from.
 */
import type { Rule } from '../../types';
import { internetEgressRule } from './internet-egress';
import { routeTargetRule } from './route-targets';
import { transitGatewayRule } from './transit-gateway';

export const routingRules: Rule[] = [routeTargetRule, transitGatewayRule, internetEgressRule];
