import { Subject, isUnitSubject } from './subject';

/**
 * 典型案例 are circulated to warn others, anonymised on publication (issue 17; DOMAIN.md §9.9): the
 * names of the persons the case is about become 某 after their surname (张三 → 张某, 欧阳明 → 欧阳某),
 * and what identifies anyone directly — 18-digit resident ID numbers and mobile numbers — is
 * masked. Units keep their names: a 通报 names the unit at fault.
 */

/** 复姓 common enough to be kept whole (欧阳某, not 欧某). */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '令狐',
  '夏侯',
  '轩辕',
  '端木',
]);

export const pseudonymOf = (name: string): string => {
  const chars = [...name.trim()];
  if (chars.length === 0) return '某';
  const head = chars.slice(0, 2).join('');
  const surname = chars.length >= 3 && COMPOUND_SURNAMES.has(head) ? head : (chars[0] as string);
  return `${surname}某`;
};

const RESIDENT_ID = /(?<!\d)\d{17}[\dXx](?!\d)/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

export interface Anonymised {
  readonly text: string;
  /** How many names and numbers were replaced. */
  readonly replacements: number;
}

export const anonymiseText = (text: string, subjects: readonly Subject[]): Anonymised => {
  let replacements = 0;
  // Longer names first, so 王小明 is replaced before a 王明 inside another name could be.
  const names = subjects
    .filter((s) => !isUnitSubject(s))
    .map((s) => s.name.trim())
    .filter((name) => [...name].length >= 2)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const name of new Set(names)) {
    const parts = out.split(name);
    replacements += parts.length - 1;
    out = parts.join(pseudonymOf(name));
  }
  out = out.replace(RESIDENT_ID, () => (replacements++, '******************'));
  out = out.replace(MOBILE, () => (replacements++, '***********'));
  return { text: out, replacements };
};
