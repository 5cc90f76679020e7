import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The output item that stands for a failed input item under Continue On Fail: the message plus
 * what helps fix it. (itemError in nodes/values is the error itself.)
 */
export function continueOnFailItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const described = error as NodeApiError | NodeOperationError;
	if (described.description) json.description = described.description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	json.itemIndex = itemIndex;
	return { json, pairedItem: { item: itemIndex } };
}

/** Any error as an n8n node error carrying the item index, so n8n shows which item failed. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
