/** Narrows a value to one of a fixed list of strings (flag choices, enum values AWS sends). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return values.some((candidate) => candidate === value);
}
