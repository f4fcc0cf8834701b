/**
 * The routing rules, registered with the other checks by shared/checks. Each rule module
 * declares its finding codes with the docs/network-rules.md section they come from.
 */
import type { Rule } from '../checks/types';
import { internetEgressRule } from './rules/internet-egress';
import { missingRoutesRule } from './rules/missing-routes';
import { routeTargetRule } from './rules/route-targets';
import { transitGatewayRule } from './rules/transit-gateway';

export const routingRules: Rule[] = [routeTargetRule, transitGatewayRule, internetEgressRule, missingRoutesRule];
