import { multiRegionSubject } from './lib/access-point-subject.ts';
import { defineCheck } from './lib/define-check.ts';
import { FLAG_NAMES, PUBLIC_ACCESS_BLOCK_FLAGS } from './lib/effective-public-access-block.ts';
import { formatList } from './lib/format-list.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'multi-region-access-point-public-access-block',
  title: 'All four Block Public Access settings are on for the Multi-Region Access Point',
  severity: 'medium',
  resource: 'multi-region-access-point',
  needs: ['multiRegionAccessPointPublicAccessBlock'],
  enabledByDefault: true,
  rationale:
    'A Multi-Region Access Point is one global endpoint over buckets in several regions. Its Block Public Access ' +
    'settings are fixed when it is created; with one off, a public Multi-Region Access Point policy can be ' +
    'attached or takes effect for every bucket behind it.',
  remediation: {
    text:
      'Recreate the Multi-Region Access Point with all four Block Public Access settings on (the default): they ' +
      'cannot be changed after creation. Turning them on for the account also covers it.',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/multi-region-access-point-block-public-access.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_ListMultiRegionAccessPoints.html',
    ],
  },
  messages: {
    allOn: 'All 4 Block Public Access flags are on for the {{subject}}.',
    flagsOff: 'The {{subject}} was created with {{flags}} off; its Block Public Access settings cannot be changed after creation.',
    notReported:
      'ListMultiRegionAccessPoints returned no Block Public Access settings for the {{subject}}, so whether they are on is unknown.',
  },
  evaluate(mrap) {
    const level = mrap.multiRegionAccessPointPublicAccessBlock;
    if (level === undefined) return undefined;
    const subject = multiRegionSubject(mrap);
    if (level.state === 'error') return unreadable(`the Block Public Access settings of the ${subject}`, level);
    if (level.state === 'absent') return { status: 'unknown', messageId: 'notReported', data: { subject } };
    const off = PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => !level.value[flag]);
    if (off.length > 0) return { status: 'fail', messageId: 'flagsOff', data: { subject, flags: formatList(off.map((flag) => FLAG_NAMES[flag])) } };
    return { status: 'pass', messageId: 'allOn', data: { subject } };
  },
});
