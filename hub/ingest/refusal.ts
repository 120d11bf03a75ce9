// A refusal the hub sends a desk or a browser: an HTTP status, a code and a Vietnamese reason.
import { HUB_REFUSALS, type HubRefusal } from '../../shared/hub-protocol';

export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export const refuse = (status: number, code: HubRefusal, detail?: string) => new Refusal(status, code, detail ? `${HUB_REFUSALS[code]} (${detail})` : HUB_REFUSALS[code]);
