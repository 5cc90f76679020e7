/**
 * Which parameters n8n shows for given values and node version, decided by n8n's own
 * NodeHelpers.displayParameter (the editor and the backend use it), including `_cnd` conditions.
 */
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

export function shownProperties(
	description: INodeTypeDescription,
	values: INodeParameters,
	typeVersion: number,
): INodeProperties[] {
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(values, property, { typeVersion }, description),
	);
}

/** The one property named `name` n8n shows for these values; fails when none or several are. */
export function shownProperty(
	description: INodeTypeDescription,
	name: string,
	values: INodeParameters,
	typeVersion: number,
): INodeProperties {
	const shown = shownProperties(description, values, typeVersion).filter((p) => p.name === name);
	if (shown.length !== 1)
		throw new Error(
			`expected one "${name}" for ${JSON.stringify(values)} at version ${typeVersion}, found ${shown.length}`,
		);
	return shown[0];
}
