import type { Finding } from '../checks/types.ts';
import { checkLookup } from './check-lookup.ts';
import { describeSuppression, outcomeOf, tallyOutcomes } from './outcome.ts';
import { compareStrings } from './text.ts';
import type { RenderOptions, Report } from './types.ts';
import { escapeXml, xmlAttributes } from './xml.ts';

function seconds(report: Report): string {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : '0';
}

// Azure DevOps and CodeBuild read these four attributes; both require tests and failures.
function counts(findings: Iterable<Finding> & { readonly length: number }) {
  const { total } = tallyOutcomes(findings);
  return { tests: findings.length, failures: total.fail, errors: total.unknown, skipped: total.suppressed };
}

function detail(finding: Finding, fix: string | undefined): string {
  const { resource } = finding;
  const lines = [finding.message, '', `Severity: ${finding.severity}`, `Resource: ${resource.arn}`, `Account: ${resource.account}`];
  if (resource.region !== '') lines.push(`Region: ${resource.region}`);
  if (fix !== undefined) lines.push(`How to fix: ${fix}`);
  return lines.join('\n');
}

function testcase(finding: Finding, fix: string): string {
  const open = `    <testcase${xmlAttributes({ classname: finding.checkId, name: finding.resource.arn, time: 0 })}`;
  const outcome = outcomeOf(finding);
  if (outcome === 'pass') return `${open}/>`;
  let child: string;
  if (outcome === 'suppressed') {
    child = `<skipped${xmlAttributes({ message: `Suppressed: ${describeSuppression(finding)}` })}/>`;
  } else {
    const element = outcome === 'fail' ? 'failure' : 'error';
    const type = outcome === 'fail' ? finding.severity : 'unknown';
    const body = detail(finding, outcome === 'fail' ? fix : undefined);
    child = `<${element}${xmlAttributes({ message: finding.message, type })}>${escapeXml(body)}</${element}>`;
  }
  return `${open}>\n      ${child}\n    </testcase>`;
}

/**
 * JUnit XML for CI test tabs: a testsuite per check, a testcase per resource. A failing verdict
 * is a <failure>, an unknown one an <error> (the check could not run), a suppressed one <skipped>.
 */
export function renderJunit(report: Report, options: RenderOptions): string {
  const lookup = checkLookup(options);
  const byCheck = new Map<string, [Finding, ...Finding[]]>();
  for (const finding of report.findings) {
    const list = byCheck.get(finding.checkId);
    if (list === undefined) byCheck.set(finding.checkId, [finding]);
    else list.push(finding);
  }
  const suites = [...byCheck.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([checkId, findings]) => {
      const check = lookup(findings[0]);
      const attributes = xmlAttributes({ name: checkId, ...counts(findings), time: 0, timestamp: report.startedAt });
      const cases = findings.map((finding) => testcase(finding, check.remediation.text));
      return [
        `  <testsuite${attributes}>`,
        `    <properties><property${xmlAttributes({ name: 'title', value: check.title })}/></properties>`,
        ...cases,
        '  </testsuite>',
      ].join('\n');
    });
  const root = xmlAttributes({ name: `${report.tool.name} ${report.account}`, ...counts(report.findings), time: seconds(report) });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${root}>`, ...suites, '</testsuites>', ''].join('\n');
}
