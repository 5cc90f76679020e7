import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Fields of a CallInBound answer that the Enneo Trigger (fallback, routing rules) and Inbound
 * Call → Respond share.
 */

export const hangUpOption: INodePropertyOptions = {
	name: 'Hang Up',
	value: 'hangUp',
	description: 'End the call (sends an empty CallInBound)',
};

/** "Keep Default Routing"; `description` says how the answer keeps it. */
export function keepDefaultOption(description: string): INodePropertyOptions {
	return { name: 'Keep Default Routing', value: 'keepDefault', description };
}

/**
 * The answer's variables (OverrideVariables) as key/value pairs. `value` adds what the Value field
 * shows (placeholder, hint).
 */
export function variablesField(
	description: string,
	value: Partial<INodeProperties>,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description,
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'e.g. name',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', ...value },
				],
			},
		],
		...extra,
	};
}

/**
 * A notice under an AI Agent ID / IVR ID number field while it holds no usable ID (0, the
 * default, or less): n8n checks required numbers only for being set, so the editor says it here,
 * and publishing the workflow refuses it (EnneoTrigger/publishChecks.ts).
 */
export function missingIdNotice(
	field: { name: string; displayName: string; what: string },
	show: NonNullable<INodeProperties['displayOptions']>['show'],
): INodeProperties {
	return {
		displayName: `Enter the ${field.displayName}: the telephony platform's ${field.what} ID, a whole number above 0${field.what === 'AI agent' ? ', e.g. 388' : ''}. The workflow cannot be published with 0.`,
		name: `${field.name}Missing`,
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, [field.name]: [{ _cnd: { lt: 1 } }] } },
	};
}
