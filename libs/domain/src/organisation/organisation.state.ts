import { assertNever } from '../shared/decider';
import { Instant } from '../shared/time';
import { Organisation, OrganisationEvent } from './organisation.events';

/** A name and the moment from which the organisation bore it. */
export interface NameSince {
  readonly since: Instant;
  readonly zh: string;
  readonly en: string;
}

/** An organisation as the stream left it: where it is now, every name it had, and whether it is closed. */
export interface OrganisationEntry extends Organisation {
  readonly names: readonly NameSince[];
  readonly closedAt?: Instant;
}

/** The organisations stream folded, in the order they were added. */
export interface OrganisationDirectoryState {
  readonly organisations: readonly OrganisationEntry[];
  readonly regions: readonly string[];
}

/** The name it bore at `at`: the latest name given at or before then, else its first (a seed records today's). */
export const organisationNameAt = (entry: Pick<OrganisationEntry, 'names'>, at?: Instant): NameSince | undefined => {
  if (at === undefined) return entry.names[entry.names.length - 1];
  const t = Date.parse(at);
  let name = entry.names[0];
  for (const n of entry.names) if (Date.parse(n.since) <= t) name = n;
  return name;
};

const updated = (
  state: OrganisationDirectoryState,
  orgId: string,
  change: (o: OrganisationEntry) => OrganisationEntry,
): OrganisationDirectoryState => ({
  ...state,
  organisations: state.organisations.map((o) => (o.id === orgId ? change(o) : o)),
});

export const evolveOrganisations = (
  state: OrganisationDirectoryState,
  event: OrganisationEvent,
): OrganisationDirectoryState => {
  switch (event.type) {
    case 'RegionAdded':
      return { ...state, regions: [...state.regions, event.data.regionId] };
    case 'OrganisationAdded': {
      const o = event.data.organisation;
      const names = [{ since: event.data.at, zh: o.nameZh, en: o.nameEn }];
      return { ...state, organisations: [...state.organisations, { ...o, names }] };
    }
    case 'OrganisationRenamed': {
      const { to, at } = event.data;
      return updated(state, event.data.orgId, (o) => ({
        ...o,
        nameZh: to.zh,
        nameEn: to.en,
        names: [...o.names, { since: at, zh: to.zh, en: to.en }],
      }));
    }
    case 'OrganisationMoved': {
      const { to } = event.data;
      return updated(state, event.data.orgId, ({ parentId: _parent, ...o }) => ({
        ...o,
        regionId: to.regionId,
        ...(to.parentId !== undefined ? { parentId: to.parentId } : {}),
      }));
    }
    case 'OrganisationClosed':
      return updated(state, event.data.orgId, (o) => ({ ...o, closedAt: event.data.at }));
    default:
      return assertNever(event);
  }
};
