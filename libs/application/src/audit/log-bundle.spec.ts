import { CheckpointSigner, SignatureAlgorithm } from '../integrity/checkpoint-signing';
import { bundleSigningInput, LogBundle, UnsignedLogBundle, verifyLogBundle } from './log-bundle';

const unsigned = (cryptoSuite: 'intl' | 'gm'): UnsignedLogBundle => ({
  format: 'xingji-link/audit-log-bundle',
  version: 1,
  log: 'access',
  exportedAt: '2026-12-07T10:00:00.000Z',
  exportedBy: { userId: 'user-auditadmin', role: 'AuditAdministrator', orgId: 'panjin.it' },
  from: '2026-12-01T00:00:00.000Z',
  to: '2026-12-07T10:00:00.000Z',
  cryptoSuite,
  records: [{ at: '2026-12-02T01:00:00.000Z', reader: { userId: 'user-auditor' }, action: 'details' }],
  heads: [{ streamId: 'accesslog-20261202.main', revision: '0', hash: 'a'.repeat(64) }],
  events: [{ streamId: 'accesslog-20261202.main', revision: '0', hash: 'a'.repeat(64) }],
});

const signed = (suite: 'intl' | 'gm', signer: CheckpointSigner): LogBundle => {
  const body = unsigned(suite);
  return {
    ...body,
    signature: {
      algorithm: signer.algorithm,
      keyId: signer.keyId,
      publicKey: signer.publicKeyPem,
      value: signer.signBytes(bundleSigningInput(body)),
    },
  };
};

describe('signed log bundles (issue 18)', () => {
  it.each<['intl' | 'gm', SignatureAlgorithm]>([
    ['intl', 'ed25519'],
    ['gm', 'sm2'],
  ])(
    'verify under %s (%s) with the trusted key, and fail once a record or the window is changed',
    (suite, algorithm) => {
      const signer = CheckpointSigner.generate(algorithm);
      const bundle = signed(suite, signer);
      expect(verifyLogBundle(bundle, signer.publicKey)).toEqual({
        ok: true,
        log: 'access',
        records: 1,
        keyId: signer.keyId,
        trustedKey: true,
        problems: [],
      });
      const reader = { ...bundle, records: [{ ...bundle.records[0], reader: { userId: 'user-someone-else' } }] };
      expect(verifyLogBundle(reader).problems).toEqual([
        'the signature does not verify: the bundle was changed after it was signed',
      ]);
      expect(verifyLogBundle({ ...bundle, to: '2026-12-31T00:00:00.000Z' }).ok).toBe(false);
    },
  );

  it('names a bundle signed by another key than the trusted one, and refuses what is no bundle', () => {
    const bundle = signed('intl', CheckpointSigner.generate());
    expect(verifyLogBundle(bundle, CheckpointSigner.generate().publicKey)).toMatchObject({
      ok: false,
      trustedKey: false,
      problems: ['signed by a key other than the trusted one'],
    });
    expect(verifyLogBundle({ records: [] }).ok).toBe(false);
    expect(verifyLogBundle(undefined).ok).toBe(false);
  });
});
