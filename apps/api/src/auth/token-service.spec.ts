import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService } from './token-service';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const service = (ttlSeconds = 60) => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-key-'));
  dirs.push(dir);
  return new TokenService({ kind: 'embedded', keyFile: join(dir, 'k.pem'), issuer: 'i', audience: 'a', ttlSeconds });
};
const claims = { userId: 'u-1', role: 'RuleOfLawOffice' as const, orgId: 'panjin.rol-office', position: 'Head' as const };

describe('TokenService', () => {
  it('verifies what it issued, also from its cache, and never a token with a changed signature or payload', async () => {
    const tokens = service();
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await tokens.verify(`${header}.${payload}.${flipped}`)).toBeUndefined();
    const forged = Buffer.from(JSON.stringify({ sub: 'u-1', role: 'Auditor', org: 'panjin.audit', pos: 'Head' })).toString('base64url');
    expect(await tokens.verify(`${header}.${forged}.${signature}`)).toBeUndefined();
  });

  it('rejects a token of another key pair (another deployment)', async () => {
    const { token } = await service().issue(claims);
    expect(await service().verify(token)).toBeUndefined();
  });
});
