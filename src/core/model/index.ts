export type { Platform, EvidenceLine, FixPlan, Incident, Diagnosis } from './incident.js';
export { FAILURE_CLASSES, isFailureClass } from './failure-class.js';
export type { FailureClass } from './failure-class.js';
