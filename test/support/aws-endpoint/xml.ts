// String builders rather than a DOM: ListBuckets pages of 10^4 buckets must stay cheap.

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
export const S3CONTROL_NAMESPACE = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** An element with text content; nothing at all when the value is undefined (absent member). */
export function leaf(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An element wrapping already-built children; self-closing when empty. */
export function node(name: string, children: readonly string[] = [], attributes = ''): string {
  const inner = children.join('');
  const open = attributes === '' ? name : `${name} ${attributes}`;
  return inner === '' ? `<${open}/>` : `<${open}>${inner}</${name}>`;
}

/** A complete document: declaration plus a root element carrying the namespace. */
export function xmlDocument(root: string, children: readonly string[], namespace?: string): string {
  return DECLARATION + node(root, children, namespace === undefined ? '' : `xmlns="${namespace}"`);
}

/** A document whose root holds text (GetBucketLocation's <LocationConstraint>). */
export function xmlTextDocument(root: string, text: string, namespace: string): string {
  const open = `${root} xmlns="${namespace}"`;
  return DECLARATION + (text === '' ? `<${open}/>` : `<${open}>${escapeXml(text)}</${root}>`);
}
