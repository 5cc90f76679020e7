import type {
	IExecuteFunctions,
	INodeProperties,
	INodePropertyModeValidation,
	INodePropertyRegexValidation,
} from 'n8n-workflow';

import { toId } from '../values/values';

/** Ticket ID as a resource locator: pick from a list, type the ID, or paste the ticket's URL. */
export function ticketIdLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Ticket',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Enneo ticket',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTickets', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 376189',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a ticket ID (digits only)' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://yourcompany.enneo.ai/ticket/376189',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^https?://.+/tickets?/(\\d+)',
							errorMessage: 'Not an Enneo ticket URL (…/ticket/<ID>)',
						},
					},
				],
				extractValue: { type: 'regex', regex: '^https?://.+/tickets?/(\\d+)' },
			},
		],
		...overrides,
	};
}

/**
 * The Ticket locator where a ticket is optional (version 3; "Set this or Call ID"): By ID first,
 * since the value usually comes from a previous node.
 */
export function optionalTicketIdLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	const locator = ticketIdLocator({
		required: false,
		default: { mode: 'id', value: '' },
		...overrides,
	});
	// n8n checks a locator's mode regex whether or not the parameter is required (getParameterIssues),
	// so an optional locator's regexes must accept the empty value, or n8n refuses to start the workflow.
	locator.modes = locator.modes?.map((mode) => ({
		...mode,
		validation: mode.validation?.map((rule) =>
			isRegexRule(rule)
				? { ...rule, properties: { ...rule.properties, regex: `(?:${rule.properties.regex})?` } }
				: rule,
		),
	}));
	return locator;
}

function isRegexRule(
	rule: INodePropertyModeValidation | ((...args: never[]) => void) | undefined,
): rule is INodePropertyRegexValidation {
	return typeof rule === 'object' && rule !== null && rule.type === 'regex';
}

/**
 * Reads a ticket ID parameter and returns the number, or throws naming the field. Takes the Ticket
 * locator and, for saved workflows of older node versions, the plain Ticket ID text or number.
 */
export function getTicketId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'ticketId',
	label = 'Ticket',
): number {
	const value = this.getNodeParameter(parameterName, itemIndex, undefined, { extractValue: true });
	return toId.call(this, value, label, itemIndex);
}

/** Like getTicketId for a ticket that may be left empty: undefined when it is. */
export function getOptionalTicketId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'ticketId',
	label = 'Ticket',
): number | undefined {
	const value = this.getNodeParameter(parameterName, itemIndex, '', { extractValue: true });
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return toId.call(this, value, label, itemIndex);
}
