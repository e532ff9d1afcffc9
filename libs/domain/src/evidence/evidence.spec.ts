import { deciderSpec } from '@xj/testing';
import { createClueDecider } from '../clue/clue.decider';
import { ClueCommand } from '../clue/clue.commands';
import { ClueEvent } from '../clue/clue.events';
import { createDomainConfig } from '../domain-config';
import { createRectificationDecider } from '../rectification/rectification.decider';
import { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { AttachEvidence, EvidenceAttached, evidenceHashAlgorithmOf, withEvidence } from './evidence';

const config = createDomainConfig();
const decider = withEvidence(createClueDecider(config), (state) => state.status !== 'None', 'CLUE');
const spec = deciderSpec(decider);

const AT = '2026-03-02T09:00:00+08:00';
const office: Actor = {
  userId: 'u-office',
  role: 'RuleOfLawOffice',
  position: 'Staff',
  orgId: 'panjin.rol-office',
  regionId: 'panjin',
};
const auditor: Actor = { ...office, userId: 'u-audit', role: 'Auditor', orgId: 'panjin.audit' };
const SHA = 'a'.repeat(64);

const register: ClueCommand = {
  type: 'RegisterClue',
  actor: office,
  at: AT,
  clueId: 'c-1',
  regionId: 'panjin/dawa',
  source: 'Reconsideration',
  sourceRef: '盘复〔2026〕12号',
  receivedAt: '2026-02-27T16:00:00+08:00',
  agency: { orgId: 'dawa.emergency', name: '大洼区应急管理局' },
  summary: 'The bureau did not perform a reconsideration decision.',
};
const registered = (): readonly (ClueEvent | EvidenceAttached)[] => {
  const events = spec.given([]).when(register).thenEvents();
  return events;
};

const attach = (o: Partial<AttachEvidence> = {}): AttachEvidence => ({
  type: 'AttachEvidence',
  actor: office,
  at: AT,
  sha256: SHA,
  fileName: ' 复议决定书.pdf ',
  mediaType: 'application/pdf',
  size: 1234,
  ...o,
});

describe('evidence (证据材料), an overlay of the case deciders', () => {
  it('given an existing clue, when evidence is attached, then EvidenceAttached records the file with its hash, by whom and when', () => {
    spec
      .given(registered())
      .when(attach())
      .then([
        {
          type: 'EvidenceAttached',
          data: {
            at: AT,
            by: { userId: 'u-office', role: 'RuleOfLawOffice', orgId: 'panjin.rol-office' },
            sha256: SHA,
            fileName: '复议决定书.pdf',
            mediaType: 'application/pdf',
            size: 1234,
          },
        },
      ]);
  });

  it('given a 国密 store’s upload, when evidence is attached, then the event records the digest’s algorithm (SM3) beside it', () => {
    const [event] = spec
      .given(registered())
      .when(attach({ hashAlgorithm: 'sm3' }))
      .thenEvents();
    expect(event?.data).toMatchObject({ sha256: SHA, hashAlgorithm: 'sm3' });
    expect(evidenceHashAlgorithmOf(event?.data as EvidenceAttached['data'])).toBe('sm3');
  });

  it('given an event recorded before the algorithm field, then its digest is SHA-256', () => {
    expect(evidenceHashAlgorithmOf({ sha256: SHA } as EvidenceAttached['data'])).toBe('sha256');
  });

  it('given attached evidence, then the case state is what it was: the rules of the case do not read it', () => {
    const before = fold(decider, registered());
    expect(spec.given(registered()).when(attach()).thenState()).toEqual(before);
  });

  it('given no case, then attaching is NotFound with the kind’s code', () => {
    spec.given([]).when(attach()).thenError('NotFound', 'CLUE.NOT_FOUND');
    const items = withEvidence(createRectificationDecider(config), (s) => s.status !== 'None', 'RECTIFICATION');
    deciderSpec(items).given([]).when(attach()).thenError('NotFound', 'RECTIFICATION.NOT_FOUND');
  });

  it('given a read-only role, then attaching is refused as such', () => {
    spec
      .given(registered())
      .when(attach({ actor: auditor }))
      .thenError('Forbidden', 'AUTH.READ_ONLY_ROLE');
  });

  it.each<[string, Partial<AttachEvidence>, string]>([
    ['a hash that is not lower-case hex SHA-256', { sha256: 'A'.repeat(64) }, 'EVIDENCE.INVALID_HASH'],
    ['an empty file name', { fileName: '  ' }, 'EVIDENCE.INVALID_FILE_NAME'],
    ['a file name over 255 characters', { fileName: 'x'.repeat(256) }, 'EVIDENCE.INVALID_FILE_NAME'],
    ['a file name with a line break', { fileName: 'a\r\nb.pdf' }, 'EVIDENCE.INVALID_FILE_NAME'],
    ['a negative size', { size: -1 }, 'EVIDENCE.INVALID_SIZE'],
    ['a media type not accepted', { mediaType: 'text/html' as never }, 'EVIDENCE.UNSUPPORTED_TYPE'],
    ['a hash algorithm of neither suite', { hashAlgorithm: 'md5' as never }, 'EVIDENCE.INVALID_HASH_ALGORITHM'],
  ])('given %s, then it is refused', (_, o, code) => {
    spec.given(registered()).when(attach(o)).thenError('Validation', code);
  });

  it('given another command, then the case decider decides it as before', () => {
    const events = spec
      .given(registered())
      .when({ type: 'StartAnalysis', actor: office, at: AT, clueId: 'c-1', analystUserId: 'u-2' })
      .thenEvents();
    expect(events.map((e) => e.type)).toEqual(['ClueAnalysisStarted']);
  });
});
