export * from './outcomes';
export * from './referral.model';
export * from './referral.commands';
export * from './referral.events';
export * from './referral.state';
export * from './referral.status';
export * from './referral.decider';
