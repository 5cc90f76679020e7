// Longer than most files because it is the parameters of a small rule editor (conditions, answers,
// hours, variables) for the routing rules mode; almost all lines are field declarations.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { clampNumber } from '../../values/values';
import { answerFields, ELSE_ANSWER, RULE_ANSWER } from '../../inboundCall/answerFields';

/** Parameters of "Respond: Using Routing Rules": shown only in that mode. */
const show = { show: { responseMode: ['rules'] } };

const weekdays = [
	{ name: 'Monday', value: 'mon' },
	{ name: 'Tuesday', value: 'tue' },
	{ name: 'Wednesday', value: 'wed' },
	{ name: 'Thursday', value: 'thu' },
	{ name: 'Friday', value: 'fri' },
	{ name: 'Saturday', value: 'sat' },
	{ name: 'Sunday', value: 'sun' },
];

const hours = { show: { condition: ['withinHours', 'outsideHours'] } };

export const rulesProperties: INodeProperties[] = [
	{
		displayName:
			'The trigger decides and answers by itself, before any workflow run, in the order of the rules below (first match wins, else the Else answer). The workflow then runs with the call, the customer found, the rule that matched and the answer sent, and can no longer delay the caller.',
		name: 'rulesNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName:
			'The caller lookup needs an Enneo API credential: choose it under "Credential for Enneo API". n8n fills it in by itself only while the trigger has no other credential. Until one is chosen the node shows an issue and the trigger cannot be tested. Turn Look Up Caller in Enneo off to route without a lookup.',
		name: 'rulesCredentialNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { responseMode: ['rules'], lookUpCaller: [true] } },
	},
	{
		displayName: 'Look Up Caller in Enneo',
		name: 'lookUpCaller',
		type: 'boolean',
		default: true,
		displayOptions: show,
		description:
			'Whether to find the caller among Enneo customers (needed for customer conditions and name placeholders). Searched the way Customer → Search does; a lookup that fails or exceeds the timeout sends the Fallback Answer.',
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Rule',
		default: {},
		displayOptions: show,
		description:
			'Checked from top to bottom; the first rule whose condition holds gives the answer',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Condition',
						name: 'condition',
						type: 'options',
						options: [
							{ name: 'Always', value: 'always' },
							{
								name: 'Callee Is (Dialled Line)',
								value: 'calleeIs',
								description: 'The number the caller dialled is one of these',
							},
							{
								name: 'Caller Number Starts With',
								value: 'callerStartsWith',
								description: 'For example +49151 or 0049',
							},
							{ name: 'Customer Found', value: 'customerFound' },
							{
								name: 'Customer Has Tag',
								value: 'customerHasTag',
								description: 'The caller is an Enneo customer with this tag',
							},
							{
								name: 'Customer Not Found',
								value: 'customerNotFound',
								description: 'No Enneo customer has the caller number (also anonymous callers)',
							},
							{ name: 'Outside Hours', value: 'outsideHours' },
							{
								name: 'Within Hours',
								value: 'withinHours',
								description: 'For example office hours',
							},
						],
						default: 'customerHasTag',
					},
					{
						displayName: 'Days',
						name: 'days',
						type: 'multiOptions',
						options: weekdays,
						default: ['mon', 'tue', 'wed', 'thu', 'fri'],
						displayOptions: hours,
					},
					{
						displayName: 'Dialled Numbers',
						name: 'numbers',
						type: 'string',
						default: '',
						placeholder: 'e.g. +49 30 12345600, +49 30 12345601',
						displayOptions: { show: { condition: ['calleeIs'] } },
						description: 'Comma-separated; compared digit by digit, with or without +',
					},
					{
						displayName: 'From',
						name: 'from',
						type: 'string',
						default: '08:00',
						placeholder: 'HH:MM',
						displayOptions: hours,
						description: 'Start of the hours (24-hour clock)',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. VIP customers',
						description: 'Shown in the output as the rule that matched',
					},
					{
						displayName: 'Prefixes',
						name: 'prefixes',
						type: 'string',
						default: '',
						placeholder: 'e.g. +49151, +49160',
						displayOptions: { show: { condition: ['callerStartsWith'] } },
						description:
							'Comma-separated beginnings of the caller number (compared with its E.164 form too)',
					},
					{
						displayName: 'Tag Name or ID',
						name: 'tag',
						type: 'string',
						default: 'VIP',
						displayOptions: { show: { condition: ['customerHasTag'] } },
						description: 'A customer tag name (any case) or its numeric ID',
					},
					{
						displayName: 'Time Zone',
						name: 'timeZone',
						type: 'string',
						default: '',
						placeholder: 'e.g. Europe/Berlin',
						displayOptions: hours,
						description: "IANA time zone of the hours; empty uses the workflow's time zone",
					},
					{
						displayName: 'To',
						name: 'to',
						type: 'string',
						default: '18:00',
						placeholder: 'HH:MM',
						displayOptions: hours,
						description: 'End of the hours; earlier than From means over midnight',
					},
					...answerFields(RULE_ANSWER),
				],
			},
		],
	},
	...answerFields(ELSE_ANSWER, show.show),
];

/** The lookup settings' ranges and defaults: the editor allows these, and run time clamps to them. */
const CALLER_CACHE_SECONDS = 60;
// 2.5 s: room for a burst of calls, well inside the Answer Deadline.
const LOOKUP_TIMEOUT_MS = 2500;
export const LOOKUP_SETTINGS = {
	callerCacheSeconds: { default: CALLER_CACHE_SECONDS, min: 0, max: 3600 },
	lookupTimeoutMs: { default: LOOKUP_TIMEOUT_MS, min: 100, max: 4000 },
};

/** A lookup setting as run time uses it, whatever the parameter (or its expression) yields. */
export function readLookupSetting(
	options: IDataObject,
	name: keyof typeof LOOKUP_SETTINGS,
): number {
	const range = LOOKUP_SETTINGS[name];
	return clampNumber(options[name], range.default, range.min, range.max, 16);
}

/** Options of the rules mode, placed in the trigger's Options collection (kept in alphabetical order there). */
export const rulesOptions: INodeProperties[] = [
	{
		displayName: 'Caller Cache (Seconds)',
		name: 'callerCacheSeconds',
		type: 'number',
		typeOptions: {
			minValue: LOOKUP_SETTINGS.callerCacheSeconds.min,
			maxValue: LOOKUP_SETTINGS.callerCacheSeconds.max,
		},
		default: CALLER_CACHE_SECONDS,
		displayOptions: { show: { '/responseMode': ['rules'] } },
		description:
			'How long a looked-up caller is remembered in this n8n process (0 = always ask Enneo). A burst of calls from one number then costs one lookup.',
	},
	{
		displayName: 'Caller Lookup Timeout (Milliseconds)',
		name: 'lookupTimeoutMs',
		type: 'number',
		typeOptions: {
			minValue: LOOKUP_SETTINGS.lookupTimeoutMs.min,
			maxValue: LOOKUP_SETTINGS.lookupTimeoutMs.max,
		},
		default: LOOKUP_TIMEOUT_MS,
		displayOptions: { show: { '/responseMode': ['rules'] } },
		description:
			'How long the lookup in Enneo may take; after that the Fallback Answer is sent. Always ends before the Answer Deadline.',
	},
	{
		displayName: 'Start a Run After Answering',
		name: 'runAfterAnswer',
		type: 'boolean',
		default: true,
		displayOptions: { show: { '/responseMode': ['rules'] } },
		description:
			'Whether to start a workflow run with the call, customer and rule after answering. Off: the trigger only routes calls (fastest: n8n does no run and records no execution per call).',
	},
];
