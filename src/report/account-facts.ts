import { plural } from './text.ts';
import type { Report } from './types.ts';

/** "3 accounts, 1 not scanned" in the header of a multi-account report; a one-account report has none. */
export function accountFacts(report: Pick<Report, 'accounts'>): string[] {
  if (report.accounts === undefined) return [];
  const failed = report.accounts.filter((account) => account.status === 'failed').length;
  return [`${plural(report.accounts.length, 'account')}${failed === 0 ? '' : `, ${String(failed)} not scanned`}`];
}

/** In a multi-account report a bucket's name does not say whose it is: its account is shown beside it. */
export function showsAccounts(report: Pick<Report, 'accounts'>): boolean {
  return report.accounts !== undefined;
}
