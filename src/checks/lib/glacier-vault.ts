import { statementName } from '../../policy/evaluate.ts';
import { keyName } from '../../policy/keys.ts';
import type { Policy, Statement } from '../../policy/types.ts';
import type { GlacierVaultState } from '../../snapshot/types.ts';

/** e.g. "vault archive (eu-west-1)": vault names repeat across regions. */
export function vaultSubject(vault: Pick<GlacierVaultState, 'name' | 'region'>): string {
  return `vault ${vault.name} (${vault.region})`;
}

/** The actions of a statement in words: "glacier:DeleteArchive", "every action except glacier:InitiateJob". */
export function statementActions(statement: Statement): string {
  return `${statement.action.not ? 'every action except ' : ''}${statement.action.patterns.join(', ')}`;
}

function conditionText(statement: Statement): string {
  if (statement.conditions.length === 0) return '';
  const parts = statement.conditions.map((c) => `${keyName(c.key)} ${c.qualifier === undefined ? '' : `${c.qualifier}:`}${c.operator}${c.ifExists ? 'IfExists' : ''} ${c.values.join(', ')}`);
  return ` when ${parts.join(' and ')}`;
}

/** What each Deny of a (vault lock) policy forbids, in words, e.g. `"deny-delete" denies glacier:DeleteArchive when glacier:ArchiveAgeInDays NumericLessThan 365`. */
export function denials(policy: Policy): string[] {
  return policy.statements
    .filter((statement) => statement.effect === 'Deny')
    .map((statement) => `${statementName(statement)} denies ${statementActions(statement)}${conditionText(statement)}`);
}
