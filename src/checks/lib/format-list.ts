/** "a", "a and b", "a, b and c": for messages that name several items. */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** Quotes a user- or AWS-supplied name inside a message so its boundaries are visible. */
export function quote(text: string): string {
  return `'${text}'`;
}
