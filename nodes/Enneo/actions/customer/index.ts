import type { INodeProperties } from 'n8n-workflow';

import type { EnneoResource } from '../../types';

export const customerOperations: EnneoResource = {};

export const description: INodeProperties[] = [];
