import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { AnswerChoice, RoutingChoice } from './answer';

/**
 * The one definition of a CallInBound answer in the editor — Routing, AI Agent ID, IVR ID and
 * Variables — and its reader. Inbound Call → Respond, the Enneo Trigger's Fallback Answer, each
 * routing rule and the rules' Else Answer declare their fields with `answerFields` and read them
 * with `readAnswerChoice`, so the four say and check the same things, and every error names the
 * field as the editor shows it.
 */

type Show = NonNullable<INodeProperties['displayOptions']>['show'];

export type AnswerField = 'routing' | 'aiAgentId' | 'ivrId' | 'variables';

/** Where an answer is declared: how its parameters are named and labelled. */
export interface AnswerSpec {
	/** Prefix of the parameter names: '' gives routing, aiAgentId…; 'else' gives elseRouting, elseAiAgentId…. */
	prefix: '' | 'fallback' | 'else';
	/** The fields as the editor shows them; errors name them the same way. */
	labels: Record<AnswerField, string>;
	/** The Routing field's description: when this answer is sent. */
	description: string;
	/** Variables: none (the fallback), plain values, or values with the rules' placeholders. */
	variables: 'none' | 'values' | 'placeholders';
	/** The trigger's own setting, read while the call rings: no expressions on item data. */
	noDataExpression?: boolean;
	/** Inside a rule of the Rules collection: no notices there (the rule is checked on publishing). */
	inCollection?: boolean;
}

const ID_LABELS = { aiAgentId: 'AI Agent ID', ivrId: 'IVR ID', variables: 'Variables' };

/** Inbound Call → Respond. */
export const RESPOND_ANSWER: AnswerSpec = {
	prefix: '',
	labels: { routing: 'Routing', ...ID_LABELS },
	description: 'What happens to the call',
	variables: 'values',
};

/** The Enneo Trigger's Fallback Answer. */
export const FALLBACK_ANSWER: AnswerSpec = {
	prefix: 'fallback',
	labels: {
		routing: 'Fallback Answer',
		aiAgentId: 'Fallback AI Agent ID',
		ivrId: 'Fallback IVR ID',
		variables: 'Variables',
	},
	description:
		'Sent at once when the run fails or ends without answering, and at the Answer Deadline when it is still going (with routing rules: when the caller lookup fails or times out)',
	variables: 'none',
	noDataExpression: true,
};

/** The answer of one routing rule. */
export const RULE_ANSWER: AnswerSpec = {
	prefix: '',
	labels: { routing: 'Answer', ...ID_LABELS },
	description: 'How the call is routed when this rule applies',
	variables: 'placeholders',
	inCollection: true,
};

/** The routing rules' Else Answer. */
export const ELSE_ANSWER: AnswerSpec = {
	prefix: 'else',
	labels: { routing: 'Else Answer', ...ID_LABELS },
	description: 'The answer when no rule matches',
	variables: 'placeholders',
};

/** The parameter name of a field of this answer (fallbackRouting, elseAiAgentId, …). */
export function answerParameter(spec: AnswerSpec, field: AnswerField): string {
	return spec.prefix ? `${spec.prefix}${field[0].toUpperCase()}${field.slice(1)}` : field;
}

export const hangUpOption: INodePropertyOptions = {
	name: 'Hang Up',
	value: 'hangUp',
	description: 'End the call (sends an empty CallInBound)',
};

const ROUTING_OPTIONS: INodePropertyOptions[] = [
	hangUpOption,
	{
		name: 'Keep Default Routing',
		value: 'keepDefault',
		description:
			'Keep the AI agent or IVR bound to the number (sent explicitly, so the answer is never empty)',
	},
	{
		name: 'Route to AI Agent',
		value: 'aiAgent',
		description: "Send the call to one of the telephony platform's AI agents (OverrideAIAgentId)",
	},
	{
		name: 'Route to IVR',
		value: 'ivr',
		description: "Send the call to one of the telephony platform's IVRs (OverrideIvrId)",
	},
];

/** What the platform's IDs are, in the words the fields, notices and errors use. */
const ID_KINDS: Record<
	'aiAgentId' | 'ivrId',
	{ what: string; console: string; override: string; bound: string; example?: string }
> = {
	aiAgentId: {
		what: 'AI agent',
		console: 'AI Agents',
		override: 'OverrideAIAgentId',
		bound: 'boundAiAgentId',
		example: '388',
	},
	ivrId: { what: 'IVR', console: 'IVR', override: 'OverrideIvrId', bound: 'boundIvrId' },
};

/** What every AI Agent ID / IVR ID must be, as the notice and the publish check say it. */
function idRule(field: 'aiAgentId' | 'ivrId'): string {
	return `the telephony platform's ${ID_KINDS[field].what} ID, a whole number above 0`;
}

/** The publish check's message for an AI Agent ID / IVR ID that can never work. */
export function idRequirement(spec: AnswerSpec, field: 'aiAgentId' | 'ivrId'): string {
	const example = ID_KINDS[field].example;
	return `"${spec.labels[field]}" must be ${idRule(field)}${example ? ` (e.g. ${example})` : ''}`;
}

export const PLACEHOLDER_HELP =
	'Placeholders: {firstName}, {lastName}, {fullName}, {customerId}, {callerNumber}, {calleeNumber}';

/**
 * The answer's parameters, shown where `show` holds (a rule's fields: always in their rule).
 * `aiAgentIdShow` narrows the AI Agent ID field further (Respond version 1 lists agents instead).
 */
export function answerFields(
	spec: AnswerSpec,
	show: Show = {},
	aiAgentIdShow: Show = {},
): INodeProperties[] {
	const routing = answerParameter(spec, 'routing');
	// A rule's fields have no condition of their own: they show whenever their rule does.
	const shown = Object.keys(show).length ? { show } : {};
	const when = (choice: RoutingChoice) => ({
		show: { ...show, [routing]: [choice], ...(choice === 'aiAgent' ? aiAgentIdShow : {}) },
	});
	const fields: INodeProperties[] = [
		{
			displayName: spec.labels.routing,
			name: routing,
			type: 'options',
			...(spec.noDataExpression ? { noDataExpression: true } : {}),
			options: ROUTING_OPTIONS,
			default: 'keepDefault',
			...(Object.keys(shown).length ? { displayOptions: shown } : {}),
			description: spec.description,
		},
	];
	for (const field of ['aiAgentId', 'ivrId'] as const) {
		const kind = ID_KINDS[field];
		const name = answerParameter(spec, field);
		const choice = field === 'aiAgentId' ? 'aiAgent' : 'ivr';
		fields.push({
			displayName: spec.labels[field],
			name,
			type: 'number',
			default: 0,
			required: true,
			displayOptions: when(choice),
			description: `The telephony platform's ${kind.what} that takes the call (${kind.override}): its ID in the platform's console (${kind.console}), not an Enneo ID`,
			hint: `Keep Default Routing sends the number's own ${kind.what} (each call carries it as ${kind.bound})`,
		});
		if (!spec.inCollection) {
			fields.push({
				displayName: `Enter the ${spec.labels[field]}: ${idRule(field)}${kind.example ? `, e.g. ${kind.example}` : ''}. The workflow cannot be published with 0.`,
				name: `${name}Missing`,
				type: 'notice',
				default: '',
				displayOptions: { show: { ...when(choice).show, [name]: [{ _cnd: { lt: 1 } }] } },
			});
		}
	}
	if (spec.variables !== 'none') {
		const placeholders = spec.variables === 'placeholders';
		fields.push({
			displayName: spec.labels.variables,
			name: answerParameter(spec, 'variables'),
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Variable',
			default: {},
			displayOptions: { ...shown, hide: { [routing]: ['hangUp'] } },
			description:
				"Values for the AI agent or IVR script, e.g. the caller's first name. Sent as strings; keys must be unique.",
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
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: placeholders ? 'e.g. {firstName}' : 'e.g. Xiao Ming',
							...(placeholders ? { hint: PLACEHOLDER_HELP } : {}),
						},
					],
				},
			],
		});
	}
	return fields;
}

/**
 * Reads an answer's parameters as `answerFields` declares them: `get(name, fallback)` returns a
 * parameter (getNodeParameter, or a rule's values). Only the fields the chosen routing shows are
 * read: an ID left from another choice, or variables with Hang Up, are ignored as the editor hides them.
 */
export function readAnswerChoice(
	spec: AnswerSpec,
	get: (name: string, fallback: unknown) => unknown,
): AnswerChoice {
	const routing = get(answerParameter(spec, 'routing'), 'keepDefault') ?? 'keepDefault';
	const choice: AnswerChoice = { routing, fields: spec.labels };
	if (routing === 'aiAgent') choice.aiAgentId = get(answerParameter(spec, 'aiAgentId'), 0);
	if (routing === 'ivr') choice.ivrId = get(answerParameter(spec, 'ivrId'), 0);
	if (spec.variables !== 'none' && routing !== 'hangUp') {
		const list = (get(answerParameter(spec, 'variables'), {}) as IDataObject | undefined)?.variable;
		choice.variables = Array.isArray(list) ? (list as AnswerChoice['variables']) : [];
	}
	return choice;
}

/** True for a saved ID that can never work: not an expression and not a whole number above 0. */
function isBrokenLiteralId(value: unknown): boolean {
	if (typeof value === 'string') {
		if (value.startsWith('=')) return false;
		return !/^\s*[1-9]\d{0,14}\s*$/.test(value);
	}
	return typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0;
}

/** The answer's AI Agent ID / IVR ID as saved, when its routing needs one that can never work. */
export function savedIdProblem(spec: AnswerSpec, parameters: IDataObject): string | undefined {
	const choice = readAnswerChoice(spec, (name, fallback) => parameters[name] ?? fallback);
	if (choice.routing === 'aiAgent' && isBrokenLiteralId(choice.aiAgentId))
		return idRequirement(spec, 'aiAgentId');
	if (choice.routing === 'ivr' && isBrokenLiteralId(choice.ivrId))
		return idRequirement(spec, 'ivrId');
	return undefined;
}
