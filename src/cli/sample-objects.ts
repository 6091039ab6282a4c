import type { AnyCheck } from '../checks/types.ts';
import type { CheckSettings } from '../config/config.ts';
import type { ActiveCheck } from '../engine/evaluate.ts';
import { selectChecks, type CheckSelection } from '../engine/select.ts';
import { UserError } from '../errors.ts';

/** The one check that reads object versions; it has data only when --sample-objects N is given. */
export const OBJECT_SAMPLE_CHECK = 'bucket-object-lock-sample';

/** ListObjectVersions returns at most 1,000 entries a page, and the sample is one page. */
export const MAX_SAMPLE_OBJECTS = 1000;

export const SAMPLE_OBJECTS_HELP =
  'sample up to N object versions (1-1000) of each bucket with Object Lock enabled and run check ' +
  `${OBJECT_SAMPLE_CHECK} on their retention and legal hold; costs 1 ListObjectVersions call plus 2 calls ` +
  '(GetObjectRetention, GetObjectLegalHold) per sampled version, per lock-enabled bucket; reads object configuration, never object data (default: off)';

/**
 * --sample-objects N turns the object sample check on (unless --skip-checks removes it); without
 * it the check is left out, as it would have nothing to read. Naming it in --checks without the
 * flag is a mistake worth saying.
 */
export function withObjectSample(
  checks: readonly ActiveCheck[],
  registry: readonly AnyCheck[],
  selection: CheckSelection,
  sampleObjects: number | undefined,
  settings: ReadonlyMap<string, CheckSettings>,
): ActiveCheck[] {
  if (!registry.some((check) => check.id === OBJECT_SAMPLE_CHECK)) return [...checks];
  if (sampleObjects === undefined) {
    if (selection.only.includes(OBJECT_SAMPLE_CHECK)) {
      throw new UserError(`--checks ${OBJECT_SAMPLE_CHECK} needs --sample-objects N: without it no object version is read`);
    }
    return checks.filter((active) => active.check.id !== OBJECT_SAMPLE_CHECK);
  }
  const selected = checks.map((active) => active.check.id);
  if (selected.includes(OBJECT_SAMPLE_CHECK)) return [...checks];
  return selectChecks(registry, { only: [...selected, OBJECT_SAMPLE_CHECK], skip: selection.skip }, settings);
}
