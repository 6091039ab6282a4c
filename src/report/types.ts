import type { AnyCheck, Finding, ResourceType, Severity, Status } from '../checks/types.ts';
import type { Findings } from './findings.ts';

/** A collection failure, as listed in the JSON report's `errors[]`. */
export interface ScanError {
  readonly operation: string;
  /** ARN of the resource the call was about. */
  readonly resource: string;
  readonly code: string;
  readonly message: string;
}

export type StatusCounts = Readonly<Record<Status, number>>;

export interface Summary {
  readonly resources: number;
  readonly checks: number;
  /** Verdicts that are not suppressed. */
  readonly byStatus: StatusCounts;
  readonly bySeverity: Readonly<Record<Severity, StatusCounts>>;
  /** Failing findings accepted by a config `suppressions:` entry; counted here only, never failing the scan. */
  readonly suppressed: number;
  /** With `--baseline`: failing findings not in it (`new`, these gate the scan) and those that are (`known`). */
  readonly baseline?: { readonly new: number; readonly known: number };
}

/** One account of a multi-account scan (--org, --accounts): scanned, or why not. */
export interface AccountOutcome {
  readonly id: string;
  /** The account's name in the organization (--org). */
  readonly name?: string;
  readonly status: 'scanned' | 'failed';
  /** Why a failed account was not scanned, e.g. its role could not be assumed. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** The JSON report shape (design §6) — a public contract: additive changes only. */
export interface Report {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  /** The scanned account; in a multi-account scan, the account the scan ran from. */
  readonly account: string;
  readonly partition: string;
  /** Multi-account scans (--org, --accounts): every account, in id order; findings name theirs in resource.account. */
  readonly accounts?: readonly AccountOutcome[];
  /** With --shard: which part of the account's buckets this report covers; `s3-audit merge` joins them. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly startedAt: string;
  readonly finishedAt: string;
  /** false when any verdict is unknown. */
  readonly complete: boolean;
  readonly summary: Summary;
  /** Every verdict, pass included, in a stable order (resource ARN, then check id). */
  readonly findings: Findings;
  readonly errors: readonly ScanError[];
  /** Things the user should know that are not findings, e.g. a bucket deleted mid-scan. */
  readonly notes: readonly string[];
}

/** A JSON report read back (design §6): the same fields, its findings a plain array. */
export type JsonReport = Omit<Report, 'findings'> & { readonly findings: readonly Finding[] };

/** What a report says about a check beyond its id: rule texts for SARIF, fixes for JUnit and HTML. */
export type CheckInfo = Pick<AnyCheck, 'id' | 'title' | 'severity' | 'rationale' | 'remediation' | 'references'> & {
  readonly resource: ResourceType;
};

export interface RenderOptions {
  /** Only findings at or above this severity are shown; never changes what fails. */
  readonly minSeverity: Severity;
  readonly color: boolean;
  /** The checks that ran; a finding of a check missing here still renders, with its id as title. */
  readonly checks: readonly CheckInfo[];
  /** SARIF `automationDetails.id` category (GitHub code scanning); default `<tool>/<account>`. */
  readonly sarifCategory?: string;
  /** List suppressed findings (with their reason) instead of only counting them. */
  readonly showSuppressed?: boolean;
}
