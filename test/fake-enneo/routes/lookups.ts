import type { Router } from '../http';
import { HttpError } from '../http';
import type { FakeState, Row } from '../state';
import { queryInt } from '../validate';

const text = (row: Row, ...keys: string[]) =>
	keys
		.map((k) => String(row[k] ?? ''))
		.join(' ')
		.toLowerCase();

/** Profile (credential test) and the lists behind dropdowns: tags, profiles, AI agents, subchannels. */
export function registerLookupRoutes(router: Router<FakeState>): void {
	router.get('/profile', ({ state }) => ({
		id: state.me.id,
		settings: {
			status: 'available',
			actualRoleId: 1,
			actualTeamIds: [1],
			callRoutingStatus: 'idle',
			chatRoutingStatus: 'idle',
		},
		permissions: [
			'updateTicket',
			'deleteTicket',
			'forwardTicket',
			'executeAutoProcessing',
			'createConversation',
			'updateCustomer',
			'customerSearch',
		],
		openTickets: [],
		unreadNotifications: 0,
	}));

	router.get('/tag', ({ state, query }) => {
		if (query.detectionFilter !== undefined)
			throw new HttpError(400, 'detectionFilter is not supported', 'invalid_query');
		const types = ['skill', 'product', 'brand', 'customerProperty', 'contractProperty', 'other'];
		if (query.type !== undefined && !types.includes(String(query.type))) {
			throw new HttpError(400, `invalid tag type ${String(query.type)}`, 'invalid_enum');
		}
		const q = String(query.q ?? '').toLowerCase();
		const tags = [...state.tags.values()].filter(
			(tag) =>
				(!query.type || tag.type === query.type) &&
				(!q || text(tag, 'name', 'fullName').includes(q)),
		);
		return { success: true, tags };
	});

	router.get('/tag/:id', ({ state, params }) => {
		const tag = state.tags.get(Number(params.id));
		if (!tag) throw new HttpError(404, 'Tag not found', 'tag_not_found');
		return tag;
	});

	router.get('/profiles', ({ state, query }) => {
		const limit = queryInt(query.limit, 'limit', 1, 1000) ?? 100;
		const offset = queryInt(query.offset, 'offset', 0) ?? 0;
		const q = String(query.q ?? '').toLowerCase();
		const all = [...state.profiles.values()].filter(
			(p) => !q || text(p, 'firstName', 'lastName', 'email').includes(q),
		);
		return { success: true, profiles: all.slice(offset, offset + limit) };
	});

	router.get('/profile/:id', ({ state, params }) => {
		const profile = state.profiles.get(Number(params.id));
		if (!profile) throw new HttpError(404, 'Profile not found', 'profile_not_found');
		return profile;
	});

	router.get('/aiAgents', ({ state, query }) => {
		const limit = queryInt(query.limit, 'limit', 1, 1000) ?? 100;
		const offset = queryInt(query.offset, 'offset', 0) ?? 0;
		const q = String(query.q ?? '').toLowerCase();
		const agents = [...state.aiAgents.values()].filter(
			(a) => !q || text(a, 'name', 'description').includes(q),
		);
		// The docs show a bare array; the plugin a wrapper. The fake answers like the docs.
		return agents.slice(offset, offset + limit);
	});

	router.get('/settings/subchannel', ({ state, query }) => {
		// The contract checked the channel names (its enum) before this route.
		const channels = ([] as string[]).concat(query.channels ?? [], query.channel ?? []);
		const wanted = channels.includes('voice') ? [...channels, 'phone'] : channels;
		const subchannels = [...state.subchannels.values()].filter(
			(s) => !wanted.length || wanted.includes('all') || wanted.includes(String(s.channel)),
		);
		return { success: true, subchannels };
	});
}
