/**
 * DI token for the DomainConfig the audit views explain with (rulebooks by version, the deadline
 * policy's `basis` texts). It must be the configuration the deciders run with.
 */
export const AUDIT_DOMAIN_CONFIG = Symbol('AUDIT_DOMAIN_CONFIG');
