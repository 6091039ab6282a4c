import { describe, expect, it } from 'vitest';
import { totp } from './totp.ts';

// RFC 6238 Appendix B, the SHA-1 rows: seed "12345678901234567890", 8 digits.
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');

describe('totp (the MFA codes of the RGW suite)', () => {
  it.each([
    { seconds: 59, code: '94287082' },
    { seconds: 1111111109, code: '07081804' },
    { seconds: 1111111111, code: '14050471' },
    { seconds: 1234567890, code: '89005924' },
    { seconds: 2000000000, code: '69279037' },
    { seconds: 20000000000, code: '65353130' },
  ])('gives the RFC 6238 test vector at $seconds s', ({ seconds, code }) => {
    expect(totp(RFC_SEED, new Date(seconds * 1000), 8)).toBe(code);
  });

  it.each([
    { seconds: 1111111080, code: '081804', step: 'first second of the step' },
    { seconds: 1111111109, code: '081804', step: 'last second of the same step' },
    { seconds: 1111111110, code: '050471', step: 'first second of the next step' },
  ])('gives 6 digits by default, leading zero kept: $code at the $step', ({ seconds, code }) => {
    expect(totp(RFC_SEED, new Date(seconds * 1000))).toBe(code);
  });
});
