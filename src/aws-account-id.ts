/** An AWS account id: exactly 12 digits (S3-compatible stores name owners otherwise). */
export function isAwsAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}
