/**
 * The routing rules: checks that read shared/routing's model of the plan (route tables,
 * reachability, exposure), registered with the other checks by shared/checks. They live
 * here, not in shared/routing, so that routing never imports the checks. Each rule module
 * declares its finding codes with the docs/network-rules.md section they come from.
 */
import type { Rule } from '../../types';
import { internetEgressRule } from './internet-egress';
import { missingRoutesRule } from './missing-routes';
import { routeTargetRule } from './route-targets';
import { transitGatewayRule } from './transit-gateway';

export const routingRules: Rule[] = [routeTargetRule, transitGatewayRule, internetEgressRule, missingRoutesRule];
