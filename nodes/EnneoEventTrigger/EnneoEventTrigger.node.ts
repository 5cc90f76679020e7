import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getSubchannels, getTags } from '../enneoApi/loadOptions';
import { eventTriggerProperties } from './description';
import { getEventTypes } from './eventTypes';
import { pollEvents } from './poll';

export class EnneoEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enneo Event Trigger',
		name: 'enneoEventTrigger',
		icon: { light: 'file:enneo.svg', dark: 'file:enneo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow on Enneo events: new ticket, customer reply, ticket updated, call completed, …',
		// The editor's Docs link; it appends a query to codex links, which would break the section anchor.
		documentationUrl: 'https://github.com/enneo-ai/n8n-nodes-enneo#enneo-event-trigger',
		defaults: { name: 'Enneo Event Trigger' },
		// n8n adds the Poll Times parameter to polling nodes.
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'enneoApi', required: true }],
		properties: eventTriggerProperties,
	};

	methods = { loadOptions: { getEventTypes, getTags, getSubchannels } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvents.call(this);
	}
}
