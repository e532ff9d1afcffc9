/**
 * Who is acting. Every command carries its actor; the deciders check role, position and
 * organisation/region before anything else. Identity is resolved outside the domain (tokens,
 * user directory); the domain only reasons over these plain values.
 */

/** The roles the product knows. Levels (city / county) come from the actor's region, not the role. */
export const ROLES = [
  /** 法治建设办 / 依法治市(县)办 — rule-of-law office; owns clues and the transfer decision. */
  'RuleOfLawOffice',
  /** 司法局 (行政执法监督机构, 行政复议机构) — justice bureau; registers and supervises clues. */
  'JusticeBureau',
  /** 行政执法机关 — the supervised enforcement agency; rectifies and reports. */
  'EnforcementAgency',
  /** 纪委监委 — discipline inspection and supervision commission; receives and handles referrals. */
  'DisciplineCommission',
  /** 任免机关 — appointing authority; an alternative referral target (行政复议法 art. 85). */
  'AppointingAuthority',
  /** 党委主要领导 — party leadership; gives instructions (批示) and escalates. */
  'PartyLeadership',
  /** 审计/监督 — auditor: reads and replays everything, changes nothing. */
  'Auditor',
  /** 系统管理员 — administrator: accounts and configuration, never case work. */
  'Administrator',
  /** 安全管理员 — security administrator: roles and policies, keys, trusted identity providers. */
  'SecurityAdministrator',
  /** 安全审计员 — audit administrator: reads and exports the administration and access logs, nothing else. */
  'AuditAdministrator',
] as const;
export type Role = (typeof ROLES)[number];

/** 负责人 (head, who approves) versus 工作人员 (staff). */
export const POSITIONS = ['Head', 'Staff'] as const;
export type Position = (typeof POSITIONS)[number];

export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly position: Position;
  /** The organisation unit the user acts for (e.g. "panjin.dawa.rol-office"). */
  readonly orgId: string;
  /**
   * The administrative region the organisation belongs to, as a path: "panjin" is the city,
   * "panjin/dawa" a county or district of it. A region covers itself and everything below it.
   */
  readonly regionId: string;
}

/** The part of an actor recorded on events: enough to say who did it, nothing more. */
export interface ActorRef {
  readonly userId: string;
  readonly role: Role;
  readonly orgId: string;
}

export const actorRef = (actor: Actor): ActorRef => ({
  userId: actor.userId,
  role: actor.role,
  orgId: actor.orgId,
});

export type Level = 'City' | 'County';

/** A region path with one segment is a city; anything below is county level. */
export const levelOf = (regionId: string): Level => (regionId.includes('/') ? 'County' : 'City');

/** True when `outer` is `inner` or one of its ancestors. */
export const regionCovers = (outer: string, inner: string): boolean => inner === outer || inner.startsWith(`${outer}/`);
