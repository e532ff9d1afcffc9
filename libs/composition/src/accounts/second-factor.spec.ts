import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchTotp, newTotpSecret, otpauthUri, SecretSealer, totpCode, TOTP_PERIOD_SECONDS } from './second-factor';

/** RFC 6238 Appendix B: the SHA-1 key is the ASCII "12345678901234567890" (base32 below). */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: readonly (readonly [number, string])[] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('generates the published SHA-1 code at T=%i', (epoch, expected) => {
    expect(totpCode(RFC_SECRET, epoch, 8)).toBe(expected);
    // Six digits are the last six of the eight (the same dynamic truncation, modulo 10^6: RFC 4226 §5.3).
    expect(totpCode(RFC_SECRET, epoch)).toBe(expected.slice(2));
  });

  it('shows a secret that decodes to 20 random bytes, base32 without padding', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('accepts the code of the step before and after (clock drift), not two steps away', () => {
    const now = 1111111111;
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now, undefined)).toBe(Math.floor(now / 30));
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30), now, undefined)).toBeDefined();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 30), now, undefined)).toBeDefined();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 90), now, undefined)).toBeUndefined();
  });

  it('refuses a code of a step already used (no replay within the window), and anything not six digits', () => {
    const now = 1234567890;
    const code = totpCode(RFC_SECRET, now);
    const step = matchTotp(RFC_SECRET, code, now, undefined);
    expect(step).toBeDefined();
    expect(matchTotp(RFC_SECRET, code, now + 5, step)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30), now, step)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + TOTP_PERIOD_SECONDS), now + 30, step)).toBe(step! + 1);
    // The server's clock set back past the used step: refused, not an error.
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 600), now - 600, step)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, `${code} `, now, undefined)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, '', now, undefined)).toBeUndefined();
  });

  it('writes an otpauth:// URI an authenticator app reads: issuer, account, secret, period', () => {
    const uri = new URL(otpauthUri('wang.li', RFC_SECRET));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/xingji-link:wang.li');
    expect(uri.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(uri.searchParams.get('issuer')).toBe('xingji-link');
  });
});

describe('SecretSealer', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'xj-totp-key-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('encrypts under the key file (the secret is not in the sealed text) and opens again', () => {
    const keyFile = join(dir, 'hex.key');
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`);
    const sealer = SecretSealer.fromSettings({ keyFile });
    const sealed = sealer.seal(RFC_SECRET);
    expect(sealer.encrypts).toBe(true);
    expect(sealed).not.toContain(RFC_SECRET);
    expect(sealed.startsWith('aes256gcm:')).toBe(true);
    expect(sealer.open(sealed)).toBe(RFC_SECRET);
  });

  it('refuses a tampered sealed secret, a sealed secret without the key, and a key of the wrong size', () => {
    const keyFile = join(dir, 'b64.key');
    writeFileSync(keyFile, Buffer.alloc(32, 7).toString('base64'));
    const sealer = SecretSealer.fromSettings({ keyFile });
    const sealed = sealer.seal(RFC_SECRET);
    // One bit of the ciphertext flipped (re-encoded, so base64's unused padding bits cannot hide it).
    const [iv, tag, text] = sealed.slice('aes256gcm:'.length).split('.');
    const bytes = Buffer.from(text!, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    const tampered = `aes256gcm:${iv}.${tag}.${bytes.toString('base64')}`;
    expect(() => sealer.open(tampered)).toThrow();
    expect(() => new SecretSealer(undefined).open(sealed)).toThrow(/MFA_SECRET_KEY_FILE/);
    const short = join(dir, 'short.key');
    writeFileSync(short, 'abcd');
    expect(() => SecretSealer.fromSettings({ keyFile: short })).toThrow(/32 bytes/);
  });

  it('without a key stores the secret marked plain (said in the README)', () => {
    const sealer = SecretSealer.fromSettings({});
    expect(sealer.encrypts).toBe(false);
    expect(sealer.seal(RFC_SECRET)).toBe(`plain:${RFC_SECRET}`);
    expect(sealer.open(`plain:${RFC_SECRET}`)).toBe(RFC_SECRET);
  });
});
