import { describe, expect, it } from 'vitest';
import bucketVersioning from '../../src/checks/bucket-versioning.ts';
import { parseConfig } from '../../src/config/config.ts';
import { renderExplanation } from '../../src/report/catalog.ts';
import { retentionCheck, TEST_CHECKS } from '../config/test-checks.ts';

describe('renderExplanation of a check with options', () => {
  const text = renderExplanation(retentionCheck);
  const snippet = /Options \(defaults shown; set them in \.s3-audit\.yml\)\n([\s\S]*?)\n\n/.exec(text)?.[1] ?? '';

  it('shows the defaults as a snippet of .s3-audit.yml, and what each described option means', () => {
    expect(snippet.split('\n')).toEqual([
      '    checks:',
      '      test-object-retention:',
      '        options:',
      '          minDays: 30',
      '          mode: COMPLIANCE',
      '          buckets: []',
    ]);
    expect(text).toContain('\n    minDays: The shortest acceptable default retention, in days.\n');
  });

  it('the snippet is a valid config file that sets exactly the defaults', () => {
    const config = parseConfig(snippet.replace(/^ {4}/gm, ''), 'snippet', TEST_CHECKS);
    expect(config.checks.get('test-object-retention')).toEqual({ options: retentionCheck.options?.defaults });
  });

  it('a check without options has no Options section', () => {
    expect(renderExplanation(bucketVersioning)).not.toContain('Options (');
  });
});
