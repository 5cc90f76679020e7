import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../values/itemError';
import { toStringList } from '../values/values';

export function urlAttachmentsProperty(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attachment',
		default: {},
		description,
		options: [
			{
				displayName: 'Attachment',
				name: 'attachment',
				values: [
					{
						displayName: 'File Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. invoice.pdf',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/files/invoice.pdf',
						description: 'Publicly reachable URL Enneo downloads the file from',
					},
				],
			},
		],
	};
}

/** Reads a urlAttachmentsProperty value; an entry without an http(s) URL is an error naming entry and item. */
export function readUrlAttachments(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject[] {
	const list = ((value as IDataObject | undefined)?.attachment as IDataObject[] | undefined) ?? [];
	return list.map((entry, position) => {
		const url = String(entry.url ?? '').trim();
		if (!/^https?:\/\/\S+$/i.test(url)) {
			throw itemError(
				this.getNode(),
				`"${label}" entry ${position + 1} needs a URL starting with http:// or https://, got ${JSON.stringify(entry.url ?? '')}`,
				itemIndex,
				'Enter a full URL such as https://example.com/file.pdf (Enneo downloads the file from it), or remove the entry.',
			);
		}
		const name =
			String(entry.name ?? '').trim() ||
			decodeURIComponent(url.split('?')[0].split('/').pop() ?? '') ||
			'attachment';
		return { name, url };
	});
}

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
