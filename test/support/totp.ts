import { createHmac } from 'node:crypto';

/**
 * A time-based one-time password (RFC 6238: HMAC-SHA1, 30-second steps), the code an MFA device
 * shows for `seed` at `at`: what `x-amz-mfa` carries to enable MFA Delete.
 */
export function totp(seed: Buffer, at: Date, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const mac = createHmac('sha1', seed).update(counter).digest();
  // Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte picks 4 bytes.
  const offset = (mac.at(-1) ?? 0) & 0x0f;
  const code = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(code % 10 ** digits).padStart(digits, '0');
}
