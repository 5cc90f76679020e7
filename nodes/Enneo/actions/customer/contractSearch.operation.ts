import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { parseDateTime } from '../../../values/dates';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getOptionalTicketId, optionalTicketIdLocator } from '../../../fields/ticketId';
import {
	beforeVersion,
	fromVersion,
	isVersion,
	SINGLE_TICKET_INPUT_VERSION,
} from '../../../fields/versions';
import { optionsCollection } from '../../../fields/collections';
import { isBlank } from '../../../values/values';

const textField = (
	displayName: string,
	name: string,
	placeholder: string,
	description?: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	...(description ? { description } : {}),
});

const includeRawDataOption: INodeProperties = {
	displayName: 'Include Raw Data',
	name: 'includeRawData',
	type: 'boolean',
	default: false,
	description: 'Whether to include the ERP source data',
};

const recordOnTicketDescription =
	"Ticket to record the search on (as an event trace). Enneo rate-limits identification attempts per ticket: ten failed searches exhaust the ticket's budget.";

export const properties: INodeProperties[] = [
	{
		displayName: 'Search Fields',
		name: 'searchFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Enneo combines the fields and returns the single best matching contract, if any',
		options: [
			textField('Address', 'address', 'e.g. Eppendorfer Landstr. 32, 20249 Hamburg'),
			{
				displayName: 'Birthday',
				name: 'birthday',
				type: 'dateTime',
				default: '',
				description: 'Date of birth of the contract holder',
			},
			textField('City', 'city', 'e.g. Hamburg'),
			textField('Company', 'company', 'e.g. Muster GmbH'),
			textField('Contract ID', 'contractId', 'e.g. 746839'),
			textField('Customer ID', 'customerId', 'e.g. 83771'),
			textField('Email', 'email', 'e.g. name@email.com'),
			textField('First Name', 'firstname', 'e.g. Victoria'),
			textField('Full Name', 'fullname', 'e.g. Victoria Sterling'),
			textField('Last Name', 'lastname', 'e.g. Sterling'),
			textField('Meter Number', 'meterNumber', 'e.g. 1ESY1160543210'),
			textField('Postal Code', 'postalCode', 'e.g. 20249'),
		],
	},
	optionsCollection(
		[
			includeRawDataOption,
			{
				displayName: 'Record on Ticket ID',
				name: 'ticketId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 376189',
				description: recordOnTicketDescription,
			},
		],
		{ displayOptions: { show: beforeVersion(SINGLE_TICKET_INPUT_VERSION) }, timeout: true },
	),
	optionsCollection(
		[
			includeRawDataOption,
			optionalTicketIdLocator({
				displayName: 'Record on Ticket',
				description: recordOnTicketDescription,
			}),
		],
		{ displayOptions: { show: fromVersion(SINGLE_TICKET_INPUT_VERSION) }, timeout: true },
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('searchFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (key === 'birthday' || isBlank(value)) continue;
		qs[key] = String(value).trim();
	}
	if (!isBlank(fields.birthday)) {
		const birthday = parseDateTime(fields.birthday);
		if (!birthday) {
			throw itemError(
				this.getNode(),
				`"Birthday" is not a date: ${JSON.stringify(fields.birthday)}`,
				itemIndex,
				'Use a date such as 1980-01-31.',
			);
		}
		qs.birthday = birthday.toFormat('yyyy-MM-dd');
	}
	if (!Object.keys(qs).length) {
		throw itemError(
			this.getNode(),
			`Add at least one field under "Search Fields"`,
			itemIndex,
			'Contract search needs something to match, e.g. Contract ID, or Last Name with Postal Code.',
		);
	}
	if (options.includeRawData === true) qs.includeRawData = 'true';
	const ticketId = getOptionalTicketId.call(
		this,
		itemIndex,
		'options.ticketId',
		isVersion(this, SINGLE_TICKET_INPUT_VERSION) ? 'Record on Ticket' : 'Record on Ticket ID',
	);
	if (ticketId !== undefined) qs.ticketId = ticketId;
	const response = await enneoApiRequest.call(this, 'GET', '/contract/search', {
		qs,
		itemIndex,
		area: 'contract',
	});
	// Enneo answers with the single best match or an empty array.
	const best = Array.isArray(response) ? (response[0] as IDataObject | undefined) : undefined;
	// One item per search, found or not, so an IF node can branch on `found`.
	return best ? { found: true, ...best } : { found: false };
}
