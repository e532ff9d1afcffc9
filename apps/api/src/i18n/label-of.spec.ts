import {
  CLUE_STATUSES,
  DECIDING_BODY_KINDS,
  DISPOSAL_METHODS,
  ESCALATION_TYPES,
  OUTCOME_CATALOGUE,
  RECTIFICATION_STATUSES,
  REFERRAL_PRECONDITIONS,
  CLUE_PRECONDITIONS,
  RECTIFICATION_PRECONDITIONS,
  REFERRAL_STATUSES,
} from '@xj/domain';
import { hasLabel, labelOf, langOf } from './label-of';

describe('labelOf — the seam the label catalogue replaces', () => {
  it('labels every status of the three case kinds and every user command in Chinese', () => {
    const missing = [
      ...CLUE_STATUSES.filter((s) => !hasLabel('clueStatus', s)).map((s) => `clueStatus ${s}`),
      ...REFERRAL_STATUSES.filter((s) => !hasLabel('referralStatus', s)).map((s) => `referralStatus ${s}`),
      ...RECTIFICATION_STATUSES.filter((s) => !hasLabel('rectificationStatus', s)).map((s) => `rectification ${s}`),
      ...[
        ...Object.keys(CLUE_PRECONDITIONS),
        ...Object.keys(REFERRAL_PRECONDITIONS),
        ...Object.keys(RECTIFICATION_PRECONDITIONS),
        'DraftReferral',
        'AssignRectificationItem',
      ]
        .filter((c) => !hasLabel('command', c))
        .map((c) => `command ${c}`),
      ...[...DISPOSAL_METHODS, ...ESCALATION_TYPES, ...DECIDING_BODY_KINDS, ...OUTCOME_CATALOGUE.map((o) => o.code)]
        .filter((c) => !hasLabel('code', c))
        .map((c) => `code ${c}`),
    ];
    expect(missing).toEqual([]);
  });

  it('answers zh or en, and the code itself when it has no label', () => {
    expect(labelOf('referralStatus', 'Accepted', 'zh')).toBe('已受理');
    expect(labelOf('referralStatus', 'Accepted', 'en')).toBe('accepted');
    expect(labelOf('code', 'GovSanction.Demerit', 'zh')).toBe('记过');
    expect(labelOf('field', 'noSuchField', 'zh')).toBe('noSuchField');
    expect(labelOf('field', 'constructor', 'zh')).toBe('constructor');
  });
});

describe('langOf — Accept-Language', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['zh-CN,zh;q=0.9', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN;q=0.4,en;q=0.8', 'en'],
    ['en;q=0.3,zh-TW', 'zh'],
    ['fr-FR,de', 'zh'],
    ['en;q=0', 'zh'],
    ['en;q=abc', 'zh'],
  ])('%p → %p', (header, lang) => {
    expect(langOf(header)).toBe(lang);
  });
});
