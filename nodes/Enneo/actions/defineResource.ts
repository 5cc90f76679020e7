import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/**
 * One operation: its parameters and its code, in one file. Most operations run once per input
 * item (`execute`); operations that combine items (bulk update) implement `executeBatch`. Its
 * parameters are shown for its resource and operation by defineResource.
 */
export interface EnneoOperation {
	properties: INodeProperties[];
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	executeBatch?: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	) => Promise<INodeExecutionData[]>;
}

export type EnneoResource = Record<string, EnneoOperation>;

/** One row of a resource's operation table: the module and its entry in the Operation list. */
export interface RegisteredOperation {
	module: EnneoOperation;
	/** The option's label in the Operation list. */
	name: string;
	/** The label in the node creator's action list. */
	action: string;
	description: string;
}

export interface DefinedResource {
	/** Operation value → module, for the router. */
	operations: EnneoResource;
	/** The Operation parameter followed by every operation's own parameters. */
	description: INodeProperties[];
}

/**
 * Builds a resource's dispatch map, Operation options and parameters from one table, so an
 * operation is registered in one place. Options are ordered by name as n8n's lint requires;
 * parameters follow the table's order.
 */
export function defineResource<Value extends string>(definition: {
	resource: string;
	/** The Operation parameter's default: a registered operation. */
	defaultOperation: NoInfer<Value>;
	/** Operation value (saved in workflows) → its row. */
	operations: Record<Value, RegisteredOperation>;
}): DefinedResource {
	const { resource, defaultOperation } = definition;
	const rows = Object.entries(definition.operations) as Array<[Value, RegisteredOperation]>;
	const operations: EnneoResource = {};
	for (const [value, row] of rows) operations[value] = row.module;

	const options: INodePropertyOptions[] = rows
		.map(([value, row]) => ({
			name: row.name,
			value,
			action: row.action,
			description: row.description,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));

	const operationParameter: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
	return {
		operations,
		description: [
			operationParameter,
			...rows.flatMap(([value, row]) =>
				updateDisplayOptions(
					{ show: { resource: [resource], operation: [value] } },
					row.module.properties,
				),
			),
		],
	};
}
