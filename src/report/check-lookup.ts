import type { Finding } from '../checks/types.ts';
import type { CheckInfo, RenderOptions } from './types.ts';

/**
 * The catalog entry of a finding's check. A finding whose check is not in the list (a report
 * merged from another version, a plugin not loaded) still gets one, with its id as title.
 */
export function checkLookup(options: Pick<RenderOptions, 'checks'>): (finding: Finding) => CheckInfo {
  const byId = new Map(options.checks.map((check) => [check.id, check]));
  return ({ checkId, severity, resource }) =>
    byId.get(checkId) ?? {
      id: checkId,
      title: checkId,
      severity,
      resource: resource.type,
      rationale: `No description of ${checkId} was available when this report was rendered.`,
      remediation: { text: `Run 's3-audit explain ${checkId}' for how to fix it.` },
      references: { url: [] },
    };
}
