/** An address or network as a number plus its width, so IPv4 and IPv6 compare the same way. */
export interface Cidr {
  readonly version: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let address = text;
  if (address.includes('.')) {
    // An embedded IPv4 tail (::ffff:10.0.0.1) becomes its two hex groups.
    const lastColon = address.lastIndexOf(':');
    const v4 = parseIpv4(address.slice(lastColon + 1));
    if (v4 === undefined || lastColon === -1) return undefined;
    address = `${address.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const group = (part: string): bigint[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    return groups.map((g) => BigInt(`0x${g}`));
  };
  const head = group(halves[0] ?? '');
  const rest = halves.length === 2 ? group(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const groups = [...head, ...Array<bigint>(8 - total).fill(0n), ...rest];
  return groups.reduce((value, g) => (value << 16n) | g, 0n);
}

/** Parses `203.0.113.0/24`, `2001:db8::/32` or a bare address (a /32 or /128). */
export function parseCidr(text: string): Cidr | undefined {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const v4 = parseIpv4(address);
  const version = v4 === undefined ? 6 : 4;
  const base = v4 ?? parseIpv6(address);
  if (base === undefined) return undefined;
  const width = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return undefined;
  return { version, base, prefix };
}

function mask(cidr: Cidr): bigint {
  const width = cidr.version === 4 ? 32 : 128;
  return ((1n << BigInt(cidr.prefix)) - 1n) << BigInt(width - cidr.prefix);
}

export function cidrContains(network: Cidr, address: Cidr): boolean {
  if (network.version !== address.version || address.prefix < network.prefix) return false;
  const m = mask(network);
  return (network.base & m) === (address.base & m);
}

const PRIVATE_IPV4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((text) => parseCidr(text) as Cidr);

/** AWS "public" semantics: broader than /8 (IPv4) or /32 (IPv6) is public, except the RFC 1918 ranges. */
export function isBroadCidr(cidr: Cidr): boolean {
  if (cidr.version === 4 && PRIVATE_IPV4.some((range) => cidrContains(range, cidr))) return false;
  return cidr.prefix < (cidr.version === 4 ? 8 : 32);
}
