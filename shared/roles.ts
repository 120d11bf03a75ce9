export const ROLES = ['records_staff', 'signing_officer', 'unit_head', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LEVELS = ['province', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

/** Screens each role may open; the renderer builds its menu from this and the core enforces it per method. */
export const SCREENS_BY_ROLE: Record<Role, readonly string[]> = {
  records_staff: ['documents', 'work', 'import', 'review', 'register', 'signing', 'lookup'],
  signing_officer: ['signing', 'documents'],
  unit_head: ['coverage', 'documents', 'lookup'],
  admin: ['coverage', 'documents', 'work', 'import', 'review', 'register', 'signing', 'units', 'users', 'trust', 'audit', 'maintenance', 'sync', 'lookup'],
};
