/**
 * Sharing a transit gateway or a Lattice service network with the plan's other accounts
 * through AWS RAM: a resource share in the owner's account, the resource in it, one principal
 * association per account, and (when the accounts are not in one AWS Organization with RAM
 * sharing enabled) the invitation accepted in each receiving account (provider docs of
 * aws_ram_principal_association and aws_ram_resource_share_accepter).
 */
import { expression, type HclValue } from '../hcl';
import { ref, tags, type ProviderSlot, type TerraformWriter } from './writer';

/** Shares one resource with `accounts`; returns, per account, what must exist before that account can use it. */
export function shareWithAccounts(
  w: TerraformWriter,
  owner: ProviderSlot,
  key: string,
  what: string,
  resourceArn: HclValue,
  accounts: ReadonlySet<string>,
): Map<string, HclValue[]> {
  const waits = new Map<string, HclValue[]>();
  if (accounts.size === 0) return waits;
  const invitations = w.variable('ram_share_invitations', {
    type: 'bool',
    description:
      'Whether the accounts accept RAM share invitations: false when they are all in one AWS Organization with RAM sharing enabled (no invitations are sent), true otherwise (external principals are then allowed and each share is accepted in the receiving account).',
    default: false,
  });
  const share = w.names.take('aws_ram_resource_share', key, key);
  w.resource('aws_ram_resource_share', share, owner, [
    ['name', what],
    ['allow_external_principals', invitations],
    ['tags', tags({ id: key, name: what })],
  ]);
  const association = w.names.take('aws_ram_resource_association', key, key);
  w.resource('aws_ram_resource_association', association, owner, [
    ['resource_arn', resourceArn],
    ['resource_share_arn', ref('aws_ram_resource_share', share, 'arn')],
  ]);
  for (const account of [...accounts].sort()) {
    const principal = w.names.take('aws_ram_principal_association', `${key}_${account}`, `${key}|${account}`);
    w.resource('aws_ram_principal_association', principal, owner, [
      ['principal', w.accountVariable(account)],
      ['resource_share_arn', ref('aws_ram_resource_share', share, 'arn')],
    ]);
    const accepter = w.names.take('aws_ram_resource_share_accepter', `${key}_${account}`, `${key}|${account}`);
    w.resource(
      'aws_ram_resource_share_accepter',
      accepter,
      w.slot(account, owner.region),
      [
        ['count', expression(`${(invitations as { expression: string }).expression} ? 1 : 0`)],
        ['share_arn', ref('aws_ram_principal_association', principal, 'resource_share_arn')],
      ],
      [`Accepts the share in account ${account} when invitations are used (var.ram_share_invitations).`],
    );
    waits.set(account, [
      expression(`aws_ram_resource_association.${association}`),
      expression(`aws_ram_principal_association.${principal}`),
      expression(`aws_ram_resource_share_accepter.${accepter}`),
    ]);
  }
  return waits;
}
