function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Candidates a user probably meant: within a few typos, or containing what they typed. */
export function closeMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(needle, candidate) }))
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(needle.length / 4)) || candidate.includes(needle))
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** What to say after "unknown check id": the ids the user probably meant, or where the list is. */
export function checkIdHint(input: string, ids: readonly string[]): string {
  const suggestions = closeMatches(input, ids);
  return suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}?` : "run 's3-audit checks' for the list";
}
