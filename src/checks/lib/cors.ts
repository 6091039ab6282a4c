import type { CorsRule } from '../../snapshot/types.ts';
import { quote } from './format-list.ts';

/*
 * How S3 matches an AllowedOrigin: the Origin header ("scheme://host[:port]") against the pattern,
 * where one `*` stands for any run of characters — it can span dots, the scheme and the port.
 */

const ALL_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const;
export const WRITE_METHODS: readonly string[] = ['PUT', 'POST', 'DELETE'];

/** The rule's methods in upper case (S3-compatible stores accept any case), `*` expanded. */
export function methodsOf(rule: CorsRule): string[] {
  const methods = rule.allowedMethods.flatMap((method) => (method.trim() === '*' ? ALL_METHODS : [method.trim().toUpperCase()]));
  return [...new Set(methods)];
}

export function writeMethodsOf(rule: CorsRule): string[] {
  return methodsOf(rule).filter((method) => WRITE_METHODS.includes(method));
}

/** "rule 'public-read'" by its ID, else "rule #2" by its 1-based position. */
export function ruleLabel(rule: CorsRule, index: number): string {
  return rule.id === undefined || rule.id === '' ? `rule #${index + 1}` : `rule ${quote(rule.id)}`;
}

/** The host part of an origin pattern without scheme and port ("*.example.com", "[::1]"). */
function hostOf(pattern: string): string {
  const schemeEnd = pattern.indexOf('://');
  const rest = schemeEnd === -1 ? pattern : pattern.slice(schemeEnd + 3);
  if (rest.startsWith('[')) return rest.slice(0, rest.indexOf(']') + 1);
  return rest.split(':')[0] ?? '';
}

/**
 * True when a site anyone can register matches the pattern: `*` alone, `https://*`, a prefix
 * (`https://app*`), or a suffix that is no complete domain (`https://*example.com` matches
 * evilexample.com; `https://*.com` any .com site). A subdomain wildcard under a named domain
 * (`https://*.example.com`) and a wildcard only in the scheme or the port are not "any origin".
 */
export function allowsAnyOrigin(origin: string): boolean {
  const host = hostOf(origin.trim());
  const star = host.lastIndexOf('*');
  if (star === -1) return false;
  const suffix = host.slice(star + 1);
  const dot = suffix.indexOf('.');
  if (dot === -1) return true;
  const labels = suffix.slice(dot + 1).split('.');
  return labels.length < 2 || labels.some((label) => label === '');
}

/** True when the pattern matches some `http://` origin: pages served without TLS. */
export function allowsPlainHttp(origin: string): boolean {
  const pattern = origin.trim().toLowerCase();
  const star = pattern.indexOf('*');
  if (star === -1) return pattern.startsWith('http://');
  const before = pattern.slice(0, star);
  return before.startsWith('http://') || 'http://'.startsWith(before);
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** http://localhost, http://127.0.0.1:8080, http://[::1]:* — a page only the local machine can serve. */
export function isLoopback(origin: string): boolean {
  const pattern = origin.trim().toLowerCase();
  return pattern.startsWith('http://') && LOOPBACK_HOST.test(hostOf(pattern));
}

/** "'*'", "'*', 'https://*'" for messages. */
export function originList(origins: readonly string[]): string {
  return origins.map(quote).join(', ');
}
