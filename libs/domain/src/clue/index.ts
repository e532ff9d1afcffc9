export * from './clue-source';
export * from './clue.commands';
export * from './clue.events';
export * from './clue.state';
export * from './clue.status';
export * from './clue.decider';
export { CLUE_CLOSED_ITEM_STATUSES } from './clue-rectification.decide';
