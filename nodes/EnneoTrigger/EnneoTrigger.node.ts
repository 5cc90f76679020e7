import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export class EnneoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enneo Trigger',
		name: 'enneoTrigger',
		icon: { light: 'file:enneoTrigger.svg', dark: 'file:enneoTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when a telephony platform asks how to route an inbound call',
		defaults: { name: 'Enneo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'responseNode', path: '={{$parameter["path"]}}' }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: 'enneo-inbound-call', required: true }],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return { workflowData: [[{ json: this.getBodyData() }]] };
	}
}
