/** JSON.parse typed by the test that knows the shape; a wrong shape fails that test's assertions. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it expects
export function parseJson<T>(text: string): T {
  const value: unknown = JSON.parse(text);
  return value as T;
}
