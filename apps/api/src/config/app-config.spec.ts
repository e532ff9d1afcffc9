import { loadAppConfig, parseTrustedProxies } from './app-config';

describe('app config: limits and shutdown', () => {
  it('defaults: login 5 failures per account (locked 15 min) and 20 per address in 15 min, no trusted proxy, 20 reads/s burst 100, 10 s grace', () => {
    const config = loadAppConfig({});
    expect(config.loginLimits).toEqual({ accountMaxFailures: 5, accountLockMs: 900_000, addressMaxFailures: 20, failureWindowMs: 900_000 });
    expect(config.trustedProxies).toEqual([]);
    expect(config.readLimit).toEqual({ perSecond: 20, burst: 100 });
    expect(config.shutdownGraceSeconds).toBe(10);
  });

  it('reads the knobs, fractions where a rate or a duration may have one', () => {
    const config = loadAppConfig({
      LOGIN_ACCOUNT_MAX_FAILURES: '3',
      LOGIN_ACCOUNT_LOCK_SECONDS: '60',
      LOGIN_ADDRESS_MAX_FAILURES: '50',
      LOGIN_FAILURE_WINDOW_SECONDS: '300',
      READ_RATE_PER_SECOND: '0.5',
      READ_BURST: '10',
      SHUTDOWN_GRACE_SECONDS: '2.5',
    });
    expect(config.loginLimits).toEqual({ accountMaxFailures: 3, accountLockMs: 60_000, addressMaxFailures: 50, failureWindowMs: 300_000 });
    expect(config.readLimit).toEqual({ perSecond: 0.5, burst: 10 });
    expect(config.shutdownGraceSeconds).toBe(2.5);
    expect(() => loadAppConfig({ READ_RATE_PER_SECOND: '0' })).toThrow('READ_RATE_PER_SECOND must be a positive number');
    expect(() => loadAppConfig({ LOGIN_ACCOUNT_MAX_FAILURES: '2.5' })).toThrow('LOGIN_ACCOUNT_MAX_FAILURES must be a positive integer');
  });

  it('accepts proxies as addresses, CIDR ranges and Express names, comma- or space-separated', () => {
    expect(parseTrustedProxies('10.0.0.1, 10.1.0.0/16 fd00::/8,loopback 192.168.0.0/255.255.0.0')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
      '192.168.0.0/255.255.0.0',
    ]);
    expect(parseTrustedProxies('')).toEqual([]);
    expect(parseTrustedProxies(undefined)).toEqual([]);
  });

  it.each(['proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '10.0.0.0/ffff::', 'all'])('refuses "%s" at start', (entry) => {
    expect(() => parseTrustedProxies(entry)).toThrow(`TRUSTED_PROXIES: "${entry}"`);
  });
});
