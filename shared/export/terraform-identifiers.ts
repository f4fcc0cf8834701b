/**
 * Terraform names for plan objects. A resource name (and a variable or provider alias) must
 * start with a letter or underscore and hold only letters, digits, underscores and dashes
 * (Terraform language docs, "Resource Blocks" / identifiers); it must be unique per resource
 * type. We write lower-case snake_case, the Terraform style guide's convention.
 *
 * Resource addresses come from the plan object's id, never from its name or its place in a
 * list: Terraform keys state by address, so an address that moved when another object was
 * added, removed or renamed would make Terraform destroy and recreate a resource nobody
 * changed.
 */

/** `prod-app (EU) #2` -> `prod_app_eu_2`; empty when nothing usable is left. */
export function identifierFrom(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (words === '') return '';
  return /^[0-9]/.test(words) ? `n${words}` : words;
}

export const TERRAFORM_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** FNV-1a, 32 bits, as 6 base-36 digits: a short tag that depends on the text alone. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(-6);
}

/**
 * The identifier token of each plan id. Sanitising is lossy (`vpc-a`, `VPC_A` and `vpc a` all
 * give `vpc_a`), so ids whose tokens clash anywhere in the plan each get a hash of the whole id
 * appended. Which ids clash depends on the set of ids only, never on their order.
 */
export class PlanIdentifiers {
  private readonly tokens = new Map<string, string>();

  constructor(ids: Iterable<string>) {
    const byToken = new Map<string, string[]>();
    for (const id of ids) {
      const token = identifierFrom(id) || 'x';
      byToken.set(token, [...(byToken.get(token) ?? []), id]);
    }
    for (const [token, owners] of byToken) {
      for (const id of new Set(owners)) this.tokens.set(id, owners.length > 1 ? `${token}_${shortHash(id)}` : token);
    }
  }

  /** The token of a plan id (ids that are not in the plan are sanitised on their own). */
  of(id: string): string {
    return this.tokens.get(id) ?? (identifierFrom(id) || `x_${shortHash(id)}`);
  }
}

/**
 * Hands out unique identifiers per scope (a resource type, `variable`, `provider`, `output`).
 * Names are built from stable parts (plan id tokens, CIDRs, fixed words); should two different
 * keys still produce the same name, the later one gets a hash of its key, which again depends
 * on that key alone.
 */
export class IdentifierRegistry {
  private readonly taken = new Map<string, Map<string, string>>();

  /** A unique identifier in `scope` for `wanted` (sanitised); `key` says which object it is. */
  take(scope: string, wanted: string, key = wanted): string {
    const base = identifierFrom(wanted) || `x_${shortHash(key)}`;
    let names = this.taken.get(scope);
    if (!names) this.taken.set(scope, (names = new Map()));
    let candidate = base;
    const owner = names.get(candidate);
    if (owner !== undefined && owner !== key) {
      candidate = `${base}_${shortHash(key)}`;
      for (let n = 2; names.has(candidate) && names.get(candidate) !== key; n++) candidate = `${base}_${shortHash(`${key}#${n}`)}`;
    }
    names.set(candidate, key);
    return candidate;
  }
}
