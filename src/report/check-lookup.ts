import type { CheckInfo, RenderOptions } from './types.ts';

/**
 * The catalog entry for each check id. A finding whose check is not in the list (a report
 * merged from another version, say) still gets an entry, with its id as title.
 */
export function checkLookup(options: Pick<RenderOptions, 'checks'>): (checkId: string, severity: CheckInfo['severity']) => CheckInfo {
  const byId = new Map(options.checks.map((check) => [check.id, check]));
  return (checkId, severity) =>
    byId.get(checkId) ?? {
      id: checkId,
      title: checkId,
      severity,
      resource: 'bucket',
      rationale: `No description of ${checkId} was available when this report was rendered.`,
      remediation: { text: `Run 's3-audit explain ${checkId}' for how to fix it.` },
      references: { url: [] },
    };
}
