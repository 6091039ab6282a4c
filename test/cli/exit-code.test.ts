import { describe, expect, it } from 'vitest';
import type { Finding, Severity, Status } from '../../src/checks/types.ts';
import { exitCodeFor } from '../../src/cli/exit-code.ts';
import type { GatePolicy } from '../../src/cli/exit-code.ts';
import { bucket, finding, reportOf } from '../report/fixture-report.ts';

const B = bucket('b', 'us-east-1');
let n = 0;
const verdict = (status: Status, severity: Severity = 'medium', extra: Partial<Finding> = {}): Finding => ({
  ...finding(B, `check-${n++}`, severity, status),
  ...extra,
});
const pass = verdict('pass');
const failMedium = verdict('fail');
const failLow = verdict('fail', 'low');
const unknown = verdict('unknown', 'critical');
const suppressedCritical = verdict('fail', 'critical', { suppression: { reason: 'accepted' } });
const knownHigh = verdict('fail', 'high', { baseline: 'known' });
const newLow = verdict('fail', 'low', { baseline: 'new' });

const DEFAULT: GatePolicy = { failOn: 'low', allowIncomplete: false };

describe('exit code: 1 (failing) > 3 (incomplete) > 0; --severity is not an input at all', () => {
  it.each<[string, Finding[], Partial<GatePolicy>, number]>([
    ['nothing evaluated', [], {}, 0],
    ['everything passes', [pass], {}, 0],
    ['a failure at the default --fail-on low', [failMedium], {}, 1],
    ['a failure exactly at --fail-on', [failMedium], { failOn: 'medium' }, 1],
    ['a failure below --fail-on', [failMedium], { failOn: 'high' }, 0],
    ['--fail-on none never fails on findings', [failMedium, suppressedCritical], { failOn: 'none' }, 0],
    ['an unknown verdict, nothing failing', [pass, unknown], {}, 3],
    ['--allow-incomplete turns 3 into 0', [unknown], { allowIncomplete: true }, 0],
    ['a failure wins over an unknown verdict', [unknown, failLow], {}, 1],
    ['--allow-incomplete never hides a failure', [unknown, failLow], { allowIncomplete: true }, 1],
    ['a failure below --fail-on with an unknown verdict', [unknown, failLow], { failOn: 'medium' }, 3],
    ['--fail-on none still reports an incomplete scan', [unknown, failMedium], { failOn: 'none' }, 3],
    ['a suppressed failure never fails the scan', [suppressedCritical], {}, 0],
    ['a suppressed failure does not hide an unknown verdict', [suppressedCritical, unknown], {}, 3],
    ['a failure already in the baseline does not fail the scan', [knownHigh], {}, 0],
    ['a failure not in the baseline does', [knownHigh, newLow], {}, 1],
    ['a new failure below --fail-on does not', [knownHigh, newLow], { failOn: 'medium' }, 0],
    ['a known failure does not hide an unknown verdict', [knownHigh, unknown], {}, 3],
  ])('%s → %i', (_name, findings, policy, expected) => {
    expect(exitCodeFor(reportOf(findings), { ...DEFAULT, ...policy })).toBe(expected);
  });
});
