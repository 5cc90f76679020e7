import type { IDisplayOptions, IExecuteFunctions } from 'n8n-workflow';

/**
 * The Enneo node's versions. Saved workflows keep the version they were built with, so a change
 * of parameters or outputs is shown only from the version that introduced it:
 * - 2: Inbound Call → Respond takes the platform's AI agent ID as a number; Simplify on Get
 *   operations; Sort as its own collection in Ticket → Get Many.
 * - 3: every ticket ID is the Ticket locator (From List, By ID, By URL), and every delete answers
 *   `{ deleted: true, ticketId, … }`.
 * - 4: Output (Simplified / Raw / Selected Fields) replaces Simplify; fields Enneo's API contract
 *   does not take are gone (Create's Direction and Interface, Conversation → Get Many's Recipient
 *   IDs and Content Translation Language, Customer → Search's Include Raw Data, Get Routing by
 *   Queue ID); Customer → Search answers one `{ found: false }` item when nobody matches, with one
 *   VIP Tag option.
 */
export const NODE_VERSIONS = [1, 2, 3, 4];
export const DEFAULT_NODE_VERSION = 4;
export const SIMPLIFY_VERSION = 2;
export const SINGLE_TICKET_INPUT_VERSION = 3;
export const CONTRACT_VERSION = 4;
export const OUTPUT_VERSION = 4;

/** displayOptions.show for parameters that exist from `version` on. */
export function fromVersion(version: number): IDisplayOptions['show'] {
	return { '@version': [{ _cnd: { gte: version } }] };
}

/** displayOptions.show for parameters that only versions before `version` have. */
export function beforeVersion(version: number): IDisplayOptions['show'] {
	return { '@version': [{ _cnd: { lt: version } }] };
}

/** displayOptions for parameters of the versions from `from` up to, not including, `before`. */
export function versionsBetween(from: number, before: number): IDisplayOptions {
	return { show: fromVersion(from), hide: fromVersion(before) };
}

/** Whether the running node is at `version` or later. */
export function isVersion(context: IExecuteFunctions, version: number): boolean {
	return (context.getNode().typeVersion ?? 1) >= version;
}
