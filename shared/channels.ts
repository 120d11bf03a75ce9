// Method and event names only, with no schema library: the sandboxed preload imports
// this file, and it must stay tiny. contract.ts checks that both lists agree.
export const METHODS = [
  'app.info',
  'setup.demoUnits',
  'setup.init',
  'auth.signIn',
  'auth.signOut',
  'auth.me',
  'auth.changePassword',
  'units.list',
  'units.save',
  'units.import',
  'units.loadDemo',
  'users.list',
  'users.save',
  'documents.import',
  'documents.list',
  'documents.get',
  'documents.link',
  'register.preview',
  'register.import',
  'register.list',
  'register.save',
  'register.assign',
  'units.merges',
  'targets.list',
  'targets.set',
  'coverage.report',
  'coverage.trend',
  'coverage.importPackage',
  'signing.modules',
  'signing.tokens',
  'signing.sign',
  'signing.verify',
  'signing.config',
  'signing.setConfig',
  'trust.list',
  'trust.add',
  'trust.remove',
  'jobs.get',
  'jobs.list',
  'jobs.cancel',
  'audit.list',
] as const;
export type MethodName = (typeof METHODS)[number];

export const EVENTS = ['job.updated'] as const;
export type EventName = (typeof EVENTS)[number];

/** IPC channel prefix for contract calls; events use `sohoa:event:<name>`. */
export const IPC_PREFIX = 'sohoa:';
