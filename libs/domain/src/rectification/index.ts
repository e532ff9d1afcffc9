export * from './rectification.state';
export * from './rectification.status';
export * from './rectification.commands';
export * from './rectification.events';
export * from './rectification.evolve';
export * from './rectification.decider';
export { AGENCY_ROLES as RECTIFICATION_AGENCY_ROLES, SUPERVISOR_ROLES as RECTIFICATION_SUPERVISOR_ROLES } from './rectification.guards';
