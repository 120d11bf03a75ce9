// Whether the renderer runs on the province hub (app.info answered shell 'hub'): shared screens
// hide what only a desk does (package import, worklists, targets, assigning results).
import { createContext, useContext } from 'react';

export interface HubMode {
  hubName: string;
}

export const HubModeContext = createContext<HubMode | null>(null);

/** The hub's name when the page is the hub's, else null (a desk). */
export const useHubMode = () => useContext(HubModeContext);
