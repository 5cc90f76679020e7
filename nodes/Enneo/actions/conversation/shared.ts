import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../helpers/itemError';
import { toStringList } from '../../helpers/values';
import { withoutKeys } from '../../helpers/response';
import { readUrlAttachments, urlAttachmentsProperty } from '../common';

/** The conversation ID field used by Get, Update and Delete. */
export const conversationIdField: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5001',
	description: 'ID of the conversation (message or note) on the ticket',
};

/** Attachment fields shared by Store and Reply (placed inside their Additional Fields). */
export const attachmentFields: INodeProperties[] = [
	{
		displayName: 'Attachment Binary Properties',
		name: 'binaryProperties',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, attachment_1',
		description:
			'Names of binary properties of the input item to attach, separated by commas. Each file is sent base64-encoded with its file name and MIME type.',
	},
	urlAttachmentsProperty(
		'attachmentUrls',
		'Attachments by URL',
		'Files Enneo downloads from a URL',
	),
];

/** Builds Enneo attachment objects: `{name, base64, contentType}` from binary data, `{name, url}` from URLs. */
export async function readAttachments(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): Promise<IDataObject[]> {
	const attachments: IDataObject[] = [];
	for (const property of toStringList(fields.binaryProperties)) {
		let binary;
		try {
			binary = this.helpers.assertBinaryData(itemIndex, property);
		} catch {
			throw itemError(
				this.getNode(),
				`"Attachment Binary Properties": the input item has no binary property "${property}"`,
				itemIndex,
				'Use the name of a binary property of the incoming item (see its Binary tab), e.g. "data". Separate several names with commas.',
			);
		}
		const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		attachments.push({
			name:
				binary.fileName ?? `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`,
			base64: buffer.toString('base64'),
			contentType: binary.mimeType,
		});
	}
	attachments.push(
		...readUrlAttachments.call(this, fields.attachmentUrls, 'Attachments by URL', itemIndex),
	);
	return attachments;
}

/** Accepts a comma-separated string or an array (e.g. from an expression) of addresses. */
export function readRecipients(value: unknown): string[] | undefined {
	const list = toStringList(value);
	return list.length ? list : undefined;
}

/** Parses a JSON parameter that must be an object (`rawData`, `sender`), naming the field otherwise. */
export function readJsonObject(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): IDataObject | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw itemError(
				this.getNode(),
				`"${field}" is not valid JSON`,
				itemIndex,
				`${(error as Error).message}. Enter a JSON object such as {"key": "value"}.`,
			);
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw itemError(
			this.getNode(),
			`"${field}" must be a JSON object, got ${JSON.stringify(parsed)}`,
			itemIndex,
			'Enter a JSON object such as {"key": "value"}.',
		);
	}
	return parsed as IDataObject;
}

/** Enneo wraps single conversations as `{conversation, success}`; return the object itself. */
export function unwrapConversation(response: unknown): IDataObject {
	const body = (response ?? {}) as IDataObject;
	if (body.conversation && typeof body.conversation === 'object')
		return body.conversation as IDataObject;
	return withoutKeys(body, 'success');
}

export const conversationTypeDescription =
	'Conversation type, e.g. html, text or note. Enneo stores it as given; the default is html.';
