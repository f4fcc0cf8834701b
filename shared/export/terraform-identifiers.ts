/**
 * Terraform names for plan objects. A resource name (and a variable or provider alias) must
 * start with a letter or underscore and hold only letters, digits, underscores and dashes
 * (Terraform language docs, "Resource Blocks" / identifiers); it must be unique per resource
 * type. We write lower-case snake_case, the Terraform style guide's convention.
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

/** Hands out unique identifiers per scope (a resource type, `variable`, `provider`). */
export class IdentifierRegistry {
  private readonly taken = new Map<string, Set<string>>();

  /** The identifier for `wanted` (falling back to `fallback`, then `scopeDefault`), with `_2`, `_3`... on a collision. */
  take(scope: string, wanted: string, fallback = '', scopeDefault = 'unnamed'): string {
    const base = identifierFrom(wanted) || identifierFrom(fallback) || scopeDefault;
    let set = this.taken.get(scope);
    if (!set) this.taken.set(scope, (set = new Set()));
    let candidate = base;
    for (let n = 2; set.has(candidate); n++) candidate = `${base}_${n}`;
    set.add(candidate);
    return candidate;
  }
}
