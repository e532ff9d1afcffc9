import { CaseKind } from '@xj/application';
import { CliError } from './cli-io';

const KINDS: Readonly<Record<string, CaseKind>> = {
  clue: 'clue',
  clues: 'clue',
  referral: 'referral',
  referrals: 'referral',
  rectification: 'rectification',
  'rectification-item': 'rectification',
  'rectification-items': 'rectification',
  accountability: 'accountability',
  'accountability-case': 'accountability',
  'accountability-cases': 'accountability',
};

/** `clue`, `referral`, `rectification` or `accountability` (also `rectification-item`, `accountability-case` and plurals, as in the API's paths). */
export const parseCaseKind = (value: string | undefined): CaseKind => {
  const kind = value === undefined ? undefined : KINDS[value];
  if (!kind)
    throw new CliError(`Unknown case kind "${value ?? ''}": use clue, referral, rectification or accountability.`);
  return kind;
};

const CASE_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export const parseCaseId = (value: string | undefined): string => {
  if (value === undefined || !CASE_ID.test(value)) throw new CliError(`"${value ?? ''}" is not a case id.`);
  return value;
};
