import { Actor } from '@xj/domain';
import { CaseNotVisibleError } from '../command/command-errors';
import { CaseCommandOf, CaseKind, CaseStateOf } from './case-aggregates';

/**
 * Who may see a case, one rule per kind, given by the composition root (the rule itself is the
 * domain's). A case the caller may not see is answered exactly like a missing one (404), so its
 * existence does not leak; what a visible caller may *do* is the deciders' call.
 */
export type CaseVisibility = { readonly [K in CaseKind]: (actor: Actor, state: CaseStateOf[K]) => boolean };

export const CASE_VISIBILITY = Symbol('CASE_VISIBILITY');

/**
 * What a caller's command may act on: `visible` — an existing case the command's actor may see;
 * `visible-or-new` — a creating command: a case that does not exist yet, or one the actor may see
 * (the decider then refuses to create it twice). Commands of process managers, acting for the
 * system, give none and are not checked.
 */
export type CaseAccess = 'visible' | 'visible-or-new';

const exists = (state: CaseStateOf[CaseKind]): boolean => state.status !== 'None';

/** Throws CaseNotVisibleError, with the command as probe, unless the caller's command may act on the case. */
export const requireCommandAccess = <K extends CaseKind>(
  visibility: CaseVisibility,
  kind: K,
  id: string,
  command: CaseCommandOf[K],
  access: CaseAccess,
  state: CaseStateOf[K],
): void => {
  const allowed = exists(state) ? visibility[kind](command.actor, state) : access === 'visible-or-new';
  if (!allowed) throw new CaseNotVisibleError({ kind, id, commandType: command.type });
};

/** True when the case exists and the viewer may see it. */
export const isVisibleTo = <K extends CaseKind>(
  visibility: CaseVisibility,
  kind: K,
  viewer: Actor,
  state: CaseStateOf[K],
): boolean => exists(state) && visibility[kind](viewer, state);
