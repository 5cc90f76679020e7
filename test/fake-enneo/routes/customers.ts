import type { Router } from '../http';
import { HttpError } from '../http';
import type { FakeState, Row } from '../state';
import { sqlDate } from '../state';
import { queryFlag, queryInt, validateBody } from '../validate';
import { findTicket } from './tickets/shared';

const CONTRACT_SEARCH_FIELDS = [
	'contractId',
	'customerId',
	'firstname',
	'lastname',
	'fullname',
	'birthday',
	'company',
	'email',
	'meterNumber',
	'address',
	'postalCode',
	'city',
];

const lower = (value: unknown) => String(value ?? '').toLowerCase();

function customerContracts(state: FakeState, customer: Row): Row[] {
	return ((customer.contractIds as number[] | undefined) ?? [])
		.map((id) => state.contracts.get(id))
		.filter((c): c is Row => !!c);
}

/** A customer as the by* routes show it (docs/enneo-api-notes.md#customers). */
function presentCustomer(
	state: FakeState,
	customer: Row,
	options: { contracts?: boolean; rawData?: boolean } = {},
): Row {
	const out: Row = { ...customer, emailMatches: null };
	if (options.contracts) out.contracts = customerContracts(state, customer);
	if (options.rawData) out.rawData = { source: 'erp', customerNumber: customer.id };
	return out;
}

function findCustomer(state: FakeState, id: string): Row {
	const customer = state.customers.get(Number(id));
	if (!customer) throw new HttpError(404, `Customer ${id} not found`, 'customer_not_found');
	return customer;
}

/**
 * Enneo's customer search over its local copy: an ID matches exactly, anything else as a
 * case-insensitive substring of name, e-mail, company or the stored phone. The query is taken as
 * given: a phone is stored as digits (docs/enneo-api-notes.md#phones), so "+49…" does not match it.
 */
function matchesCustomer(customer: Row, q: string): boolean {
	const text = q.trim().toLowerCase();
	if (
		/^\d+$/.test(text) &&
		(String(customer.id) === text ||
			((customer.contractIds as number[]) ?? []).map(String).includes(text))
	)
		return true;
	const haystack = [
		customer.firstname,
		customer.lastname,
		`${String(customer.firstname)} ${String(customer.lastname)}`,
		customer.email,
		customer.company,
		customer.phone,
	]
		.map(lower)
		.join('\n');
	return text.length >= 2 && haystack.includes(text);
}

/** Customer and contract routes (docs/enneo-api-notes.md#customers). */
export function registerCustomerRoutes(router: Router<FakeState>): void {
	router.get('/customer/search', ({ state, query }) => {
		const q = query.q;
		if (typeof q !== 'string' || !q.trim())
			throw new HttpError(400, "query parameter 'q' is required", 'missing_query');
		// limit 1-1000, default 100 (the reference's limitParam).
		const limit = queryInt(query.limit, 'limit', 1, 1000) ?? 100;
		const offset = queryInt(query.offset, 'offset', 0) ?? 0;
		// The reference's search takes q, limit and offset only: no includeRawData.
		return [...state.customers.values()]
			.filter((customer) => matchesCustomer(customer, q))
			.sort((a, b) => a.id - b.id)
			.slice(state.ignoresOffset ? 0 : offset, (state.ignoresOffset ? 0 : offset) + limit)
			.map((customer) => presentCustomer(state, customer));
	});

	router.get('/customer/byCustomerId/:customerId', ({ state, params, query }) => {
		const customer = findCustomer(state, params.customerId);
		return presentCustomer(state, customer, {
			contracts: queryFlag(query.includeContracts, 'includeContracts') ?? false,
			rawData: queryFlag(query.includeRawData, 'includeRawData') ?? false,
		});
	});

	router.get('/customer/byContractId/:contractId', ({ state, params }) => {
		const contract = state.contracts.get(Number(params.contractId));
		if (!contract)
			throw new HttpError(404, `Contract ${params.contractId} not found`, 'contract_not_found');
		const customer = findCustomer(state, String(contract.customerId));
		// This route always embeds the contracts (docs/enneo-api-notes.md#customers); the reference
		// shows no query parameters on it.
		return presentCustomer(state, customer, { contracts: true });
	});

	router.get('/customer/byTicketId/:ticketId', ({ state, params, query }) => {
		const ticket = findTicket(state, params.ticketId);
		if (!ticket.customerId)
			throw new HttpError(404, `Ticket ${ticket.id} has no customer`, 'customer_not_found');
		const customer = findCustomer(state, String(ticket.customerId));
		return presentCustomer(state, customer, {
			rawData: queryFlag(query.includeRawData, 'includeRawData') ?? false,
		});
	});

	router.patch('/customer/:customerId', ({ state, params, body }) => {
		const where = `PATCH /customer/${params.customerId}`;
		const customer = findCustomer(state, params.customerId);
		// tagIds is the only writable field (docs/enneo-api-notes.md#customers).
		const request = validateBody(
			body ?? {},
			{ tagIds: { type: 'integer[]', required: true } },
			where,
		);
		const tags = (request.tagIds as number[]).map((id) => {
			const tag = state.tags.get(id);
			if (!tag) throw new HttpError(400, `${where}: unknown tag id ${id}`, 'unknown_tag');
			if (tag.reference !== 'customer' && tag.type !== 'customerProperty') {
				throw new HttpError(400, `${where}: tag ${id} is not a customer tag`, 'invalid_tag');
			}
			return { id: tag.id, color: tag.color, name: tag.name };
		});
		customer.tags = tags;
		return { success: true };
	});

	router.get('/contract/search', ({ state, query }) => {
		if (query.q !== undefined)
			throw new HttpError(400, "contract search takes structured fields, not 'q'", 'invalid_query');
		for (const key of Object.keys(query)) {
			if (![...CONTRACT_SEARCH_FIELDS, 'includeRawData', 'ticketId'].includes(key))
				throw new HttpError(400, `unknown query parameter '${key}'`, 'invalid_query');
		}
		const rawData = queryFlag(query.includeRawData, 'includeRawData') ?? false;
		if (query.birthday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(query.birthday))) {
			throw new HttpError(400, 'birthday must be YYYY-MM-DD', 'invalid_query');
		}
		const fields = CONTRACT_SEARCH_FIELDS.filter(
			(key) => typeof query[key] === 'string' && query[key] !== '',
		);
		if (!fields.length)
			throw new HttpError(400, 'at least one search field is required', 'missing_query');
		if (query.ticketId !== undefined) {
			const ticket = findTicket(state, String(query.ticketId));
			const traces = (ticket.identificationTraces as unknown[] | undefined) ?? [];
			traces.push({ at: sqlDate(), fields });
			ticket.identificationTraces = traces;
		}
		const q = (key: string) => lower(query[key]);
		let best: { contract: Row; customer: Row; similarity: number } | undefined;
		for (const contract of state.contracts.values()) {
			const customer = state.customers.get(Number(contract.customerId));
			if (!customer) continue;
			const checks = fields.map((key) => {
				switch (key) {
					case 'contractId':
						return String(contract.id) === String(query.contractId);
					case 'customerId':
						return String(customer.id) === String(query.customerId);
					case 'firstname':
					case 'lastname':
					case 'email':
					case 'company':
						return lower(customer[key]) === q(key);
					case 'fullname':
						return `${lower(customer.firstname)} ${lower(customer.lastname)}` === q(key);
					case 'meterNumber':
						return lower(contract.counterNumber) === q(key);
					case 'address':
						return lower(contract.deliveryAddress) === q(key);
					case 'postalCode':
					case 'city':
						return lower(contract.deliveryAddress).includes(q(key));
					default:
						return lower(customer.birthday) === q(key);
				}
			});
			const hits = checks.filter(Boolean).length;
			if (!hits) continue;
			const similarity =
				query.contractId !== undefined && checks[fields.indexOf('contractId')]
					? 1
					: Math.round((hits / fields.length) * 100) / 100;
			if (!best || similarity > best.similarity) best = { contract, customer, similarity };
		}
		if (!best || best.similarity < 0.5) return [];
		const contract = rawData ? { ...best.contract, rawData: { source: 'erp' } } : best.contract;
		return [
			{
				id: best.contract.id,
				similarity: best.similarity,
				customerLegitimation: best.similarity === 1 ? 15 : 10,
				customerLegitimationMessage:
					best.similarity === 1 ? 'Contract and customer ID found' : 'Identified, rules not passed',
				contract,
				customer: presentCustomer(state, best.customer),
				cached: true,
				cacheDate: sqlDate(),
			},
		];
	});

	router.get('/contract/:contractId', ({ state, params, query }) => {
		if (!/^\d+$/.test(params.contractId))
			throw new HttpError(
				400,
				`contractId must be an integer, got ${params.contractId}`,
				'invalid_id',
			);
		const rawData = queryFlag(query.includeRawData, 'includeRawData') ?? false;
		queryFlag(query.refresh, 'refresh');
		const contract = state.contracts.get(Number(params.contractId));
		// Unknown contracts are a 200 with a code, not a 404 (docs/enneo-api-notes.md#errors).
		if (!contract) return { success: true, code: 'contract_not_found' };
		return rawData ? { ...contract, rawData: { source: 'erp' } } : contract;
	});
}
