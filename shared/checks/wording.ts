/** How the findings name plan objects and write numbers. */
/** How an object is called in messages: its name, or its id when it has none. */
export function nameOf(object: { id: string; name: string } | undefined, fallbackId?: string): string {
  if (!object) return fallbackId ?? '(unknown)';
  return object.name.trim() === '' ? object.id : object.name;
}

/** A count as a person writes it: 65,536. (toLocaleString is correct too, but costs a microsecond a call.) */
export function formatCount(n: number | bigint): string {
  const text = String(n);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (digits.length <= 3 || digits.includes('.') || digits.includes('e'))
    return typeof n === 'number' && digits.includes('.') ? n.toLocaleString('en-US') : text;
  let out = '';
  const head = digits.length % 3;
  if (head > 0) out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += (out === '' ? '' : ',') + digits.slice(i, i + 3);
  return negative ? `-${out}` : out;
}
