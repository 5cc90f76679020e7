import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EnneoOperation, EnneoResource } from './defineResource';
import { asNodeError, continueOnFailItem } from './failedItem';
import { conversationOperations } from './conversation';
import { customerOperations } from './customer';
import { inboundCallOperations } from './inboundCall';
import { telephonyOperations } from './telephony';
import { ticketOperations } from './ticket';

const resources: Record<string, EnneoResource> = {
	ticket: ticketOperations,
	conversation: conversationOperations,
	telephony: telephonyOperations,
	customer: customerOperations,
	inboundCall: inboundCallOperations,
};

/** The single dispatch point: resource + operation → the operation module. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module: EnneoOperation | undefined = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	if (module.executeBatch) return [await module.executeBatch.call(this, items)];

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await module.execute!.call(this, itemIndex);
			const list = Array.isArray(result) ? result : [result];
			for (const json of list) returnData.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push(continueOnFailItem(error as Error, itemIndex));
				continue;
			}
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [returnData];
}
