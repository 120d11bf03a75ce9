// Kept for the sync tests' import path; the harness lives with the other fixtures.
export * from '../fixtures/hub';
